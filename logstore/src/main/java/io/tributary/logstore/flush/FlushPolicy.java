package io.tributary.logstore.flush;

/**
 * When a log with unflushed appends is fsynced, from {@code flush.messages} and {@code flush.ms}.
 * With {@code flush.messages=1} (the default) a log is flushed as soon as its flusher is free:
 * group commit, where one fsync covers every append made while the previous one ran. With a larger
 * count, the log waits for that many messages or for {@code flush.ms}, whichever comes first; its
 * appends' durability futures (and so producer acknowledgements) wait as long.
 */
public final class FlushPolicy {
    private FlushPolicy() {
    }

    /**
     * @param unflushedMessages offsets appended since the last flush
     * @param oldestUnflushedNanos when the oldest unflushed append happened
     * @param forced a flush was asked for explicitly (segment roll, shutdown, caller)
     * @return the {@code Time.nanoseconds()} at which to flush, {@link Long#MAX_VALUE} for not yet
     */
    public static long nextFlushNanos(long unflushedMessages, long oldestUnflushedNanos, long flushMessages, long flushMs,
            boolean forced, long nowNanos) {
        if (forced) {
            return nowNanos;
        }
        if (unflushedMessages <= 0) {
            return Long.MAX_VALUE;
        }
        if (unflushedMessages >= flushMessages) {
            return nowNanos;
        }
        if (flushMs >= Long.MAX_VALUE / 1_000_000L) {
            return Long.MAX_VALUE;
        }
        return oldestUnflushedNanos + flushMs * 1_000_000L;
    }
}
