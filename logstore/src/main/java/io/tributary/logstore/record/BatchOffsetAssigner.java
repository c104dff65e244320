package io.tributary.logstore.record;

import static io.tributary.logstore.record.RecordBatchFormat.ATTRIBUTES_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.BASE_OFFSET_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.CRC_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.MAX_TIMESTAMP_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.PARTITION_LEADER_EPOCH_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.TIMESTAMP_TYPE_MASK;

import java.nio.ByteBuffer;

/**
 * Rewrites a validated batch in place as the leader accepts it: base offset, partition leader epoch
 * and, for LogAppendTime topics, the timestamp type and max timestamp (with a new CRC). The records
 * themselves are never copied or re-encoded.
 */
public final class BatchOffsetAssigner {
    private BatchOffsetAssigner() {
    }

    /**
     * Assigns offsets to the batch described by {@code h} (its position is relative to {@code buf}'s start).
     *
     * @param logAppendTime the broker's time to stamp, or {@link RecordBatchFormat#NO_TIMESTAMP} to keep CreateTime
     */
    public static void assign(ByteBuffer buf, BatchHeader h, long baseOffset, int leaderEpoch, long logAppendTime) {
        int pos = (int) h.position();
        buf.putLong(pos + BASE_OFFSET_OFFSET, baseOffset);
        buf.putInt(pos + PARTITION_LEADER_EPOCH_OFFSET, leaderEpoch);
        if (logAppendTime != RecordBatchFormat.NO_TIMESTAMP) {
            short attributes = (short) (h.attributes() | TIMESTAMP_TYPE_MASK);
            buf.putShort(pos + ATTRIBUTES_OFFSET, attributes);
            buf.putLong(pos + MAX_TIMESTAMP_OFFSET, logAppendTime);
            buf.putInt(pos + CRC_OFFSET, (int) RecordBatchFormat.computeCrc(buf, pos, h.sizeInBytes()));
        }
    }
}
