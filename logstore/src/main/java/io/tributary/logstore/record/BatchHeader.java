package io.tributary.logstore.record;

import static io.tributary.logstore.record.RecordBatchFormat.ATTRIBUTES_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.BASE_OFFSET_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.BASE_SEQUENCE_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.BASE_TIMESTAMP_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.LAST_OFFSET_DELTA_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.MAGIC_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.MAX_TIMESTAMP_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.PARTITION_LEADER_EPOCH_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.PRODUCER_EPOCH_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.PRODUCER_ID_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.RECORDS_COUNT_OFFSET;

import java.nio.ByteBuffer;

/**
 * The decoded header of one record batch (see {@link RecordBatchFormat}); what the store needs to
 * know about a batch without looking at its records.
 *
 * @param position where the batch starts (in its buffer or file)
 * @param sizeInBytes total size, header included
 */
public record BatchHeader(
        long position,
        int sizeInBytes,
        long baseOffset,
        int partitionLeaderEpoch,
        byte magic,
        short attributes,
        int lastOffsetDelta,
        long baseTimestamp,
        long maxTimestamp,
        long producerId,
        short producerEpoch,
        int baseSequence,
        int recordCount) {

    /** Decodes the header of the batch at {@code pos}; {@code filePosition} is recorded as its position. */
    public static BatchHeader read(ByteBuffer buf, int pos, long filePosition) {
        return new BatchHeader(filePosition, RecordBatchFormat.sizeAt(buf, pos),
                buf.getLong(pos + BASE_OFFSET_OFFSET),
                buf.getInt(pos + PARTITION_LEADER_EPOCH_OFFSET),
                buf.get(pos + MAGIC_OFFSET),
                buf.getShort(pos + ATTRIBUTES_OFFSET),
                buf.getInt(pos + LAST_OFFSET_DELTA_OFFSET),
                buf.getLong(pos + BASE_TIMESTAMP_OFFSET),
                buf.getLong(pos + MAX_TIMESTAMP_OFFSET),
                buf.getLong(pos + PRODUCER_ID_OFFSET),
                buf.getShort(pos + PRODUCER_EPOCH_OFFSET),
                buf.getInt(pos + BASE_SEQUENCE_OFFSET),
                buf.getInt(pos + RECORDS_COUNT_OFFSET));
    }

    public long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long nextPosition() {
        return position + sizeInBytes;
    }

    public boolean hasProducerId() {
        return producerId >= 0;
    }

    public int lastSequence() {
        return lastSequence(baseSequence, lastOffsetDelta);
    }

    /** The sequence of the last record: sequences wrap from Integer.MAX_VALUE to 0. */
    public static int lastSequence(int baseSequence, int lastOffsetDelta) {
        if (baseSequence == RecordBatchFormat.NO_SEQUENCE) {
            return RecordBatchFormat.NO_SEQUENCE;
        }
        long last = (long) baseSequence + lastOffsetDelta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    public int compression() {
        return attributes & RecordBatchFormat.COMPRESSION_MASK;
    }

    public boolean isLogAppendTime() {
        return (attributes & RecordBatchFormat.TIMESTAMP_TYPE_MASK) != 0;
    }

    public boolean isTransactional() {
        return (attributes & RecordBatchFormat.TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes & RecordBatchFormat.CONTROL_MASK) != 0;
    }
}
