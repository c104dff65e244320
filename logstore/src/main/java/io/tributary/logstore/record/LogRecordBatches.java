package io.tributary.logstore.record;

import io.tributary.logstore.AbortedTxn;
import io.tributary.logstore.LogRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Record batches (v2) built from and read into {@link LogRecord}s, for writers and readers that are
 * not Kafka clients (AMQP publishers into streams, AMQP stream consumers, bridges). Reading copies
 * each batch onto the heap and decompresses it: this is the path of consumers that need decoded
 * messages, not the zero-copy Fetch path.
 */
public final class LogRecordBatches {
    private LogRecordBatches() {
    }

    /** One uncompressed batch holding {@code records} (offsets are assigned by the append). */
    public static ByteBuffer build(List<LogRecord> records) {
        int estimate = 64;
        for (LogRecord r : records) {
            estimate += 32 + length(r.key()) + length(r.value());
            for (LogRecord.Header h : r.headers()) {
                estimate += 8 + h.key().length() * 3 + length(h.value());
            }
        }
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(estimate), Compression.NONE, TimestampType.CREATE_TIME, 0L);
        for (LogRecord r : records) {
            org.apache.kafka.common.header.Header[] headers = new org.apache.kafka.common.header.Header[r.headers().size()];
            for (int i = 0; i < headers.length; i++) {
                LogRecord.Header h = r.headers().get(i);
                headers[i] = new RecordHeader(h.key(), h.value());
            }
            b.append(r.timestamp(), r.key(), r.value(), headers);
        }
        return b.build().buffer();
    }

    /**
     * The data records of {@code slice} at or after {@code fromOffset}, at most {@code max}; control
     * batches (transaction markers) are skipped. A trailing partial batch is not returned.
     */
    public static List<LogRecord> read(LogSlice slice, long fromOffset, int max) {
        return read(slice, fromOffset, max, List.of());
    }

    /** {@link #read(LogSlice, long, int)} without the records of {@code aborted} transactions (read_committed). */
    public static List<LogRecord> read(LogSlice slice, long fromOffset, int max, List<AbortedTxn> aborted) {
        List<LogRecord> out = new ArrayList<>();
        for (RecordBatch batch : slice.records().batches()) {
            if (batch.isControlBatch() || batch.lastOffset() < fromOffset || isAborted(batch, aborted)) {
                continue;
            }
            for (Record r : batch) {
                if (r.offset() < fromOffset) {
                    continue;
                }
                if (out.size() >= max) {
                    return out;
                }
                out.add(decode(r));
            }
        }
        return out;
    }

    private static boolean isAborted(RecordBatch batch, List<AbortedTxn> aborted) {
        if (!batch.isTransactional()) {
            return false;
        }
        for (AbortedTxn t : aborted) {
            if (t.covers(batch.producerId(), batch.baseOffset())) {
                return true;
            }
        }
        return false;
    }

    /** The offset after the last batch of {@code slice} that is whole, or {@code fromOffset} when none is. */
    public static long nextOffset(LogSlice slice, long fromOffset) {
        long next = fromOffset;
        for (RecordBatch batch : slice.records().batches()) {
            next = Math.max(next, batch.nextOffset());
        }
        return next;
    }

    private static LogRecord decode(Record r) {
        List<LogRecord.Header> headers = new ArrayList<>(r.headers().length);
        for (org.apache.kafka.common.header.Header h : r.headers()) {
            headers.add(new LogRecord.Header(h.key(), h.value()));
        }
        return new LogRecord(r.offset(), r.timestamp(), bytes(r.key()), bytes(r.value()), headers);
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }
}
