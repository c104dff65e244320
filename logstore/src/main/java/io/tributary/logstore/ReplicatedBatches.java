package io.tributary.logstore;

import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.ValidatedBatches;

/**
 * The offsets of batches a follower copies from its leader, which keep the offsets the leader
 * gave them: they must go on at the follower's log end offset and follow each other. A batch may
 * start after the offset it follows, not only at it: the leader's cleaner drops batches whose
 * records were all compacted away, so a compacted leader log has gaps between batches (Kafka's
 * {@code appendAsFollower} accepts them too).
 */
final class ReplicatedBatches {
    private ReplicatedBatches() {
    }

    /**
     * @throws UnexpectedAppendOffsetException when the first batch starts below {@code logEndOffset}
     *     or a batch starts at or below the last offset of the one before it
     */
    static void checkOffsets(TopicPartition tp, ValidatedBatches batches, long logEndOffset) {
        long next = logEndOffset;
        for (BatchHeader b : batches.batches()) {
            if (b.baseOffset() < next) {
                String what = next == logEndOffset ? "the log end offset " : "the end of the batch before it, ";
                throw new UnexpectedAppendOffsetException("follower append to " + tp + ": a batch at offset " + b.baseOffset()
                        + " starts below " + what + next, next, b.baseOffset());
            }
            next = b.nextOffset();
        }
    }
}
