package io.tributary.logstore.flush;

/** What the flusher needs of a log. */
public interface FlushableLog {
    /**
     * When this log should next be flushed, on the {@code Time.nanoseconds()} clock: at or before
     * {@code nowNanos} for now, {@link Long#MAX_VALUE} when nothing needs flushing until more is appended.
     */
    long nextFlushNanos(long nowNanos);

    /** Makes everything appended so far durable and completes its waiters. Runs on a flusher thread. */
    void flush();

    /** Spreads logs over the flusher threads; stable for the log's life. */
    int flusherAffinity();

    /** Set while the log is queued on its flusher, so that appends enqueue it at most once. */
    java.util.concurrent.atomic.AtomicBoolean flushQueued();
}
