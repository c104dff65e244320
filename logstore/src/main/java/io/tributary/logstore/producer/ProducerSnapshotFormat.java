package io.tributary.logstore.producer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A producer-state snapshot, {@code <offset>.snapshot} in the partition directory: the state of
 * every producer after the batches below {@code offset} (the 20-digit name). Taken when a segment
 * rolls and at clean shutdown, so recovery replays only the batches after it. Unlike Kafka's
 * snapshot it keeps all five remembered batches of each producer, so retries of any of them are
 * still answered with their original offsets after a restart.
 *
 * <pre>
 *  offset size field
 *     0    4   magic "TPSN"
 *     4    2   version (1)
 *     6    4   CRC-32C of bytes [10, end)
 *    10    4   producer count N
 *    14        N producers:
 *                producerId int64 | epoch int16 | coordinatorEpoch int32 |
 *                currentTxnFirstOffset int64 (-1: none) | lastTimestamp int64 | batchCount int8 (0..5)
 *                batchCount batches:
 *                  firstSeq int32 | lastSeq int32 | firstOffset int64 | lastOffset int64 | timestamp int64
 * </pre>
 */
public final class ProducerSnapshotFormat {
    public static final int MAGIC = 0x5450534E;
    public static final short VERSION = 1;
    public static final int HEADER_SIZE = 14;
    private static final int CRC_OFFSET = 6;
    private static final int PRODUCER_SIZE = 8 + 2 + 4 + 8 + 8 + 1;
    private static final int BATCH_SIZE = 4 + 4 + 8 + 8 + 8;

    private ProducerSnapshotFormat() {
    }

    static ByteBuffer encode(Collection<ProducerStateEntry> entries) {
        int size = HEADER_SIZE;
        for (ProducerStateEntry e : entries) {
            size += PRODUCER_SIZE + e.batches.size() * BATCH_SIZE;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(MAGIC).putShort(VERSION).putInt(0).putInt(entries.size());
        for (ProducerStateEntry e : entries) {
            b.putLong(e.producerId).putShort(e.epoch).putInt(e.coordinatorEpoch).putLong(e.currentTxnFirstOffset)
                    .putLong(e.lastTimestamp).put((byte) e.batches.size());
            for (BatchMetadata m : e.batches) {
                b.putInt(m.firstSeq()).putInt(m.lastSeq()).putLong(m.firstOffset()).putLong(m.lastOffset()).putLong(m.timestamp());
            }
        }
        b.flip();
        b.putInt(CRC_OFFSET, (int) crc(b));
        return b;
    }

    /** @throws IllegalArgumentException when the bytes are not a valid snapshot */
    static List<ProducerStateEntry> decode(ByteBuffer b) {
        try {
            if (b.getInt(0) != MAGIC) {
                throw new IllegalArgumentException("bad magic");
            }
            if (b.getShort(4) != VERSION) {
                throw new IllegalArgumentException("unsupported version " + b.getShort(4));
            }
            if ((b.getInt(CRC_OFFSET) & 0xFFFFFFFFL) != crc(b)) {
                throw new IllegalArgumentException("CRC mismatch");
            }
            ByteBuffer r = b.duplicate().position(10);
            int count = r.getInt();
            List<ProducerStateEntry> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ProducerStateEntry e = new ProducerStateEntry(r.getLong(), r.getShort());
                e.coordinatorEpoch = r.getInt();
                e.currentTxnFirstOffset = r.getLong();
                e.lastTimestamp = r.getLong();
                int batches = r.get();
                for (int j = 0; j < batches; j++) {
                    e.batches.addLast(new BatchMetadata(r.getInt(), r.getInt(), r.getLong(), r.getLong(), r.getLong()));
                }
                out.add(e);
            }
            if (r.hasRemaining()) {
                throw new IllegalArgumentException(r.remaining() + " trailing bytes");
            }
            return out;
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated snapshot", e);
        }
    }

    private static long crc(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(10));
        return crc.getValue();
    }
}
