package io.tributary.logstore;

import io.tributary.logstore.record.LogSlice;

/**
 * The outcome of a read: the bytes to send, and the log's offsets at the moment of the read (a
 * Fetch response reports them).
 *
 * @param fetchOffset the offset asked for
 * @param slice whole batches from the one holding {@code fetchOffset} (the last may be cut by the
 *     byte limit); empty when there is nothing under the bound yet. Send it with zero copy; never
 *     close its channel.
 * @param firstBatchIncomplete true when the byte limit cut the first batch (only without {@code minOneBatch})
 */
public record ReadResult(long fetchOffset, LogSlice slice, boolean firstBatchIncomplete, long logStartOffset, long highWatermark,
        long lastStableOffset, long logEndOffset) {
    public boolean isEmpty() {
        return slice.isEmpty();
    }
}
