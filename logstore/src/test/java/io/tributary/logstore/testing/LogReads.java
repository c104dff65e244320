package io.tributary.logstore.testing;

import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.testing.Batches.Rec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Reads a whole log as a consumer would, fetch after fetch, moving on by batch (compaction leaves empty batches). */
public final class LogReads {
    private LogReads() {
    }

    public static List<Rec> readAll(PartitionLog log, long from, FetchIsolation isolation) {
        return read(log, from, isolation, true);
    }

    /** Everything from the log start offset up to the log end. */
    public static List<Rec> readAll(PartitionLog log) {
        return readAll(log, log.logStartOffset(), FetchIsolation.LOG_END);
    }

    /** The records of data batches only (no transaction markers), from the log start to the end. */
    public static List<Rec> readData(PartitionLog log) {
        return read(log, log.logStartOffset(), FetchIsolation.LOG_END, false);
    }

    /** Every batch from the log start to the end, whole (empty ones included). */
    public static List<RecordBatch> readBatches(PartitionLog log) {
        List<RecordBatch> out = new ArrayList<>();
        long next = log.logStartOffset();
        while (true) {
            ReadResult r = log.read(next, 1 << 20, FetchIsolation.LOG_END, true);
            List<RecordBatch> batches = r.isEmpty() ? List.of() : Batches.batches(r.slice().records());
            if (batches.isEmpty()) {
                return out;
            }
            out.addAll(batches);
            next = batches.get(batches.size() - 1).lastOffset() + 1;
        }
    }

    /** What a replica Fetch from {@code from} returns: the log's bytes up to its end. */
    public static ByteBuffer fetch(PartitionLog log, long from) {
        ReadResult r = log.read(from, 1 << 20, FetchIsolation.LOG_END, true);
        ByteBuffer out = ByteBuffer.allocate(r.slice().sizeInBytes());
        try {
            r.slice().readInto(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.flip();
    }

    /** Every byte of the log, segment after segment (one read stops at the end of a segment). */
    public static ByteBuffer allBytes(PartitionLog log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            ByteBuffer b = fetch(log, next);
            out.write(b.array(), 0, b.limit());
            List<RecordBatch> batches = Batches.batches(MemoryRecords.readableRecords(b));
            next = batches.get(batches.size() - 1).lastOffset() + 1;
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static List<Rec> read(PartitionLog log, long from, FetchIsolation isolation, boolean control) {
        List<Rec> out = new ArrayList<>();
        long next = from;
        while (true) {
            ReadResult r = log.read(next, 1 << 20, isolation, true);
            List<RecordBatch> batches = r.isEmpty() ? List.of() : Batches.batches(r.slice().records());
            if (batches.isEmpty()) {
                return out;
            }
            for (RecordBatch b : batches) {
                b.ensureValid();
                if (b.isControlBatch() && !control) {
                    continue;
                }
                for (Record rec : b) {
                    if (rec.offset() >= from) {
                        out.add(Batches.rec(rec));
                    }
                }
            }
            next = batches.get(batches.size() - 1).lastOffset() + 1;
        }
    }
}
