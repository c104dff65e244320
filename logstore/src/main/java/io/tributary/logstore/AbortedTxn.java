package io.tributary.logstore;

/**
 * A transaction that was aborted: its producer's records in {@code [firstOffset, lastOffset]} must
 * not reach read_committed consumers. {@code lastOffset} is the offset of the abort marker;
 * {@code lastStableOffset} the partition's last stable offset once the abort was written.
 */
public record AbortedTxn(long producerId, long firstOffset, long lastOffset, long lastStableOffset) {
    /** True when a transactional data batch of {@code batchProducerId} starting at {@code baseOffset} belongs to this transaction. */
    public boolean covers(long batchProducerId, long baseOffset) {
        return batchProducerId == producerId && baseOffset >= firstOffset && baseOffset < lastOffset;
    }
}
