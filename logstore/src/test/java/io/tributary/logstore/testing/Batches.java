package io.tributary.logstore.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Record batches as kafka-clients producers build them, and decoding of what the log returns. */
public final class Batches {
    private Batches() {
    }

    /** A plain (non-idempotent) batch of records with these values, no keys, timestamp {@code ts}. */
    public static ByteBuffer values(long ts, String... values) {
        return build(Compression.NONE, -1, (short) -1, -1, ts, null, values);
    }

    /** A batch of keyed records: {@code keysAndValues} alternates key, value (a null value is a tombstone). */
    public static ByteBuffer keyed(long ts, String... keysAndValues) {
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1024 + 64 * keysAndValues.length), RecordBatch.CURRENT_MAGIC_VALUE,
                Compression.NONE, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            b.append(ts, bytes(keysAndValues[i]), bytes(keysAndValues[i + 1]));
        }
        return copy(b.build().buffer());
    }

    /** Keyed records ({@code keysAndValues} alternates key, value; null value = tombstone) with a codec. */
    public static ByteBuffer keyed(Compression c, long ts, String... keysAndValues) {
        return copy(MemoryRecords.withRecords(c, keyedRecords(ts, keysAndValues)).buffer());
    }

    /** An idempotent producer's batch of keyed records. */
    public static ByteBuffer keyedIdempotent(long producerId, short epoch, int baseSequence, long ts, String... keysAndValues) {
        return copy(MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence,
                keyedRecords(ts, keysAndValues)).buffer());
    }

    /** A transactional producer's batch of keyed records. */
    public static ByteBuffer keyedTransactional(long producerId, short epoch, int baseSequence, long ts, String... keysAndValues) {
        return copy(MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, epoch, baseSequence,
                keyedRecords(ts, keysAndValues)).buffer());
    }

    /** The coordinator's commit (or abort) marker for a producer's transaction. */
    public static ByteBuffer endTxnMarker(long producerId, short epoch, long ts, boolean commit) {
        EndTransactionMarker m = new EndTransactionMarker(commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, 0);
        return copy(MemoryRecords.withEndTransactionMarker(0L, ts, 0, producerId, epoch, m).buffer());
    }

    private static SimpleRecord[] keyedRecords(long ts, String... keysAndValues) {
        SimpleRecord[] records = new SimpleRecord[keysAndValues.length / 2];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SimpleRecord(ts, bytes(keysAndValues[2 * i]), bytes(keysAndValues[2 * i + 1]));
        }
        return records;
    }

    /** An idempotent producer's batch. */
    public static ByteBuffer idempotent(long producerId, short epoch, int baseSequence, long ts, String... values) {
        return build(Compression.NONE, producerId, epoch, baseSequence, ts, null, values);
    }

    public static ByteBuffer compressed(Compression compression, long ts, String... values) {
        return build(compression, -1, (short) -1, -1, ts, null, values);
    }

    /** A batch of {@code count} records of {@code valueSize} bytes each. */
    public static ByteBuffer sized(int count, int valueSize, long ts) {
        String[] values = new String[count];
        String v = "x".repeat(valueSize);
        for (int i = 0; i < count; i++) {
            values[i] = v;
        }
        return values(ts, values);
    }

    private static ByteBuffer build(Compression c, long pid, short epoch, int seq, long ts, String key, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(ts, bytes(key), bytes(values[i]));
        }
        MemoryRecords m = pid >= 0
                ? MemoryRecords.withIdempotentRecords(c, pid, epoch, seq, records)
                : MemoryRecords.withRecords(c, records);
        return copy(m.buffer());
    }

    /** Two batches back to back in one buffer. */
    public static ByteBuffer concat(ByteBuffer... buffers) {
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer b : buffers) {
            out.put(b.duplicate());
        }
        return out.flip();
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer out = ByteBuffer.allocate(b.remaining());
        out.put(b.duplicate());
        return out.flip();
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** A record as read back. */
    public record Rec(long offset, long timestamp, String key, String value) {
    }

    /** One record, decoded. */
    public static Rec rec(Record r) {
        return new Rec(r.offset(), r.timestamp(), string(r.hasKey() ? r.key() : null), string(r.hasValue() ? r.value() : null));
    }

    /** Every record of {@code records}, decoded. */
    public static List<Rec> decode(Records records) {
        List<Rec> out = new ArrayList<>();
        for (RecordBatch batch : records.batches()) {
            batch.ensureValid();
            for (Record r : batch) {
                out.add(new Rec(r.offset(), r.timestamp(), string(r.hasKey() ? r.key() : null), string(r.hasValue() ? r.value() : null)));
            }
        }
        return out;
    }

    /** The records of the non-control batches. */
    public static List<Rec> decodeData(Records records) {
        List<Rec> out = new ArrayList<>();
        for (RecordBatch batch : records.batches()) {
            batch.ensureValid();
            if (batch.isControlBatch()) {
                continue;
            }
            for (Record r : batch) {
                out.add(new Rec(r.offset(), r.timestamp(), string(r.hasKey() ? r.key() : null), string(r.hasValue() ? r.value() : null)));
            }
        }
        return out;
    }

    public static List<RecordBatch> batches(Records records) {
        List<RecordBatch> out = new ArrayList<>();
        records.batches().forEach(out::add);
        return out;
    }

    private static String string(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.UTF_8);
    }
}
