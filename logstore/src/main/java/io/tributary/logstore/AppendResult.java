package io.tributary.logstore;

import java.util.concurrent.CompletableFuture;

/**
 * The outcome of an accepted append: where it went, and a future that completes once it is
 * durable by the topic's flush policy.
 *
 * @param firstOffset offset of the first record
 * @param lastOffset offset of the last record
 * @param logAppendTime the broker's timestamp stamped into the batches under {@code LogAppendTime}, else -1
 * @param logStartOffset the log start offset after the append
 * @param duplicate true when this was a retry of a batch already written: the offsets are the original ones
 * @param durable completes (on a flusher thread) when the bytes are fsynced, or fails with
 *     {@link LogStorageException} (the log is poisoned), {@link LogClosedException} or
 *     {@link AppendTruncatedException}; attach only non-blocking callbacks
 */
public record AppendResult(long firstOffset, long lastOffset, long logAppendTime, long logStartOffset, boolean duplicate,
        CompletableFuture<Void> durable) {
    /** Number of offsets the append took. */
    public long offsetCount() {
        return lastOffset - firstOffset + 1;
    }
}
