package io.tributary.logstore.record;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The byte layout of a Kafka record batch, format v2 (magic 2), exactly as producers send it and
 * as segments store it. Big-endian throughout.
 *
 * <pre>
 *  offset size field
 *  ------ ---- ---------------------------------------------------------------
 *     0    8   baseOffset            assigned by the broker (rewritten in place)
 *     8    4   batchLength           bytes after this field (total size - 12)
 *    12    4   partitionLeaderEpoch  assigned by the broker (rewritten in place)
 *    16    1   magic                 2
 *    17    4   crc                   CRC-32C of bytes [21, end): attributes .. last record
 *    21    2   attributes            bits 0-2 compression (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd)
 *                                    bit 3 timestamp type (1 = LogAppendTime)
 *                                    bit 4 transactional, bit 5 control, bit 6 delete horizon set
 *    23    4   lastOffsetDelta       records carry offset deltas 0..lastOffsetDelta
 *    27    8   baseTimestamp         first timestamp (or delete horizon when bit 6 is set)
 *    35    8   maxTimestamp          largest timestamp (the append time under LogAppendTime)
 *    43    8   producerId            -1 when not idempotent
 *    51    2   producerEpoch
 *    53    4   baseSequence          sequence of the first record, -1 when not idempotent
 *    57    4   recordCount
 *    61    *   records               (compressed as a block when compression != 0)
 *
 *  record (uncompressed): length varint, attributes int8, timestampDelta varlong,
 *  offsetDelta varint, keyLength varint (-1 = null), key, valueLength varint, value,
 *  headerCount varint, headers [keyLength varint, key, valueLength varint, value]
 * </pre>
 *
 * Since baseOffset and partitionLeaderEpoch lie outside the CRC, the broker assigns them without
 * recomputing it; stamping LogAppendTime changes attributes and maxTimestamp and so recomputes it.
 */
public final class RecordBatchFormat {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    /** Bytes before the part that {@code batchLength} counts. */
    public static final int LOG_OVERHEAD = 12;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORDS_COUNT_OFFSET = 57;
    /** Size of the header; the smallest possible batch (no records). */
    public static final int HEADER_SIZE = 61;

    public static final byte MAGIC_V2 = 2;
    public static final int COMPRESSION_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_MASK = 0x10;
    public static final int CONTROL_MASK = 0x20;
    public static final int DELETE_HORIZON_MASK = 0x40;

    public static final long NO_TIMESTAMP = -1L;
    public static final long NO_PRODUCER_ID = -1L;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;

    private RecordBatchFormat() {
    }

    /** Total size of the batch starting at {@code pos} (header included). */
    public static int sizeAt(ByteBuffer buf, int pos) {
        return buf.getInt(pos + LENGTH_OFFSET) + LOG_OVERHEAD;
    }

    /** The CRC-32C a batch of {@code size} bytes at {@code pos} should carry. */
    public static long computeCrc(ByteBuffer buf, int pos, int size) {
        CRC32C crc = new CRC32C();
        ByteBuffer view = buf.duplicate();
        view.limit(pos + size).position(pos + ATTRIBUTES_OFFSET);
        crc.update(view);
        return crc.getValue();
    }

    /** True when the stored CRC matches the bytes. */
    public static boolean crcMatches(ByteBuffer buf, int pos, int size) {
        return (buf.getInt(pos + CRC_OFFSET) & 0xFFFFFFFFL) == computeCrc(buf, pos, size);
    }
}
