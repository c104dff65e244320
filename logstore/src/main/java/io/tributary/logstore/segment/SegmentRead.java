package io.tributary.logstore.segment;

import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.LogSlice;

/**
 * What a segment read found: the first batch at or after the requested offset, and the bytes to
 * send from its start.
 *
 * @param firstBatch header of the first batch in the slice
 * @param slice the bytes; its last batch may be cut short by the byte limit
 */
public record SegmentRead(BatchHeader firstBatch, LogSlice slice) {
    /** True when the byte limit cut even the first batch short. */
    public boolean firstBatchIncomplete() {
        return slice.sizeInBytes() < firstBatch.sizeInBytes();
    }
}
