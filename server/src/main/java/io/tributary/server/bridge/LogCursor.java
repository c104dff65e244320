package io.tributary.server.bridge;

import io.tributary.exchanges.message.LogEncoding;
import io.tributary.exchanges.stream.StreamCursor;
import io.tributary.exchanges.stream.StreamMessage;
import io.tributary.exchanges.stream.StreamOffset;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.LogRecord;
import io.tributary.logstore.OffsetOutOfRangeException;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.TimestampAndOffset;
import io.tributary.logstore.record.LogRecordBatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A stream consumer's position in one partition log: reads what is durable (below the high
 * watermark), decodes records into messages, and skips gaps left by compaction, retention or
 * transaction markers. A position below the log start (retention deleted it) moves to the log start.
 */
final class LogCursor implements StreamCursor {
    private static final int READ_BYTES = 1024 * 1024;

    private final int partition;
    private final PartitionLog log;
    private final LogEncoding encoding;
    private final Consumer<Runnable> waitForData;
    private long position;

    LogCursor(int partition, PartitionLog log, long position, LogEncoding encoding, Consumer<Runnable> waitForData) {
        this.partition = partition;
        this.log = log;
        this.position = position;
        this.encoding = encoding;
        this.waitForData = waitForData;
    }

    /** The offset where a consumer asking for {@code start} begins. */
    static long startOffset(PartitionLog log, StreamOffset start) {
        long first = log.logStartOffset();
        long end = log.highWatermark();
        switch (start.kind()) {
            case FIRST:
                return first;
            case LAST:
                return end > first ? end - 1 : end;
            case NEXT:
                return end;
            case OFFSET:
                return Math.max(first, Math.min(start.value(), end));
            default:
                Optional<TimestampAndOffset> at = log.fetchOffsetByTimestamp(start.value(), FetchIsolation.HIGH_WATERMARK);
                return at.map(TimestampAndOffset::offset).orElse(end);
        }
    }

    @Override
    public List<StreamMessage> read(int max) {
        List<StreamMessage> out = new ArrayList<>();
        while (out.size() < max && position < log.highWatermark()) {
            ReadResult r;
            try {
                r = log.read(position, READ_BYTES, FetchIsolation.HIGH_WATERMARK, true);
            } catch (OffsetOutOfRangeException e) {
                position = Math.max(position, log.logStartOffset());
                continue;
            }
            if (r.isEmpty()) {
                break;
            }
            List<LogRecord> records = LogRecordBatches.read(r.slice(), position, max - out.size());
            for (LogRecord rec : records) {
                out.add(new StreamMessage(partition, rec.offset(), encoding.decode(toEncoding(rec))));
                position = rec.offset() + 1;
            }
            if (records.isEmpty()) {
                long next = LogRecordBatches.nextOffset(r.slice(), position);
                if (next <= position) {
                    break;
                }
                position = next;
            }
        }
        return out;
    }

    private static LogEncoding.Record toEncoding(LogRecord r) {
        List<LogEncoding.Header> headers = new ArrayList<>(r.headers().size());
        for (LogRecord.Header h : r.headers()) {
            headers.add(new LogEncoding.Header(h.key(), h.value()));
        }
        return new LogEncoding.Record(r.key(), r.value(), headers, r.timestamp());
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void whenAvailable(Runnable task) {
        if (log.highWatermark() > position) {
            task.run();
            return;
        }
        waitForData.accept(() -> whenAvailable(task));
        if (log.highWatermark() > position) {
            // The high watermark moved between the check and the registration: the listener may have run already.
            task.run();
        }
    }

    @Override
    public void close() {
    }
}
