package io.tributary.logstore.flush;

/**
 * When a log with unflushed appends is fsynced, from {@code flush.messages} and {@code flush.ms}.
 * With {@code flush.messages=1} (the default) a log is flushed as soon as its flusher is free:
 * group commit, where one fsync covers every append made while the previous one ran. With a larger
 * count, the log waits for that many messages or for {@code flush.ms} (1 s when not set), whichever
 * comes first; its appends' durability futures (and so producer acknowledgements) wait as long.
 */
public final class FlushPolicy {
    /**
     * How long unflushed data waits when {@code flush.messages} is above 1 and {@code flush.ms} is not
     * set: acknowledgements and consumers wait for the fsync (ADR 001), so without a bound a quiet
     * partition's last few appends would never be acknowledged or seen.
     */
    public static final long UNBOUNDED_FLUSH_MS_CAP = 1_000L;

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
        long waitMs = flushMs >= Long.MAX_VALUE / 1_000_000L ? UNBOUNDED_FLUSH_MS_CAP : flushMs;
        return oldestUnflushedNanos + waitMs * 1_000_000L;
    }
}
