package io.tributary.logstore.record;

import java.util.List;

/**
 * The batches of one append, checked and decoded; positions are relative to the appended buffer.
 *
 * @param offsetCount offsets the append takes (sum of {@code lastOffsetDelta + 1})
 * @param sizeInBytes total bytes of all batches
 * @param maxTimestamp largest maxTimestamp of the batches (CreateTime), before any LogAppendTime stamping
 */
public record ValidatedBatches(List<BatchHeader> batches, long offsetCount, int recordCount, int sizeInBytes, long maxTimestamp) {
    public BatchHeader first() {
        return batches.get(0);
    }
}
