package io.tributary.logstore.record;

import io.tributary.logstore.CorruptRecordException;
import io.tributary.logstore.InvalidRecordException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Looks inside one batch's records with kafka-clients' decoder (which decompresses when needed).
 * Used off the fetch path only: ListOffsets by timestamp, compacted-topic key checks of compressed
 * batches. The batch bytes are a heap or direct buffer the caller read or received.
 */
public final class CompressedRecords {
    private CompressedRecords() {
    }

    /** A record's timestamp and offset. */
    public record TimestampAndOffset(long timestamp, long offset) {
    }

    /** Fails when any record of the batch at {@code pos} has no key (compacted topics). */
    static void checkKeys(ByteBuffer buf, int pos, int size) {
        MutableRecordBatch batch = batchAt(buf, pos, size);
        try (CloseableIterator<Record> it = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
            while (it.hasNext()) {
                if (!it.next().hasKey()) {
                    throw new InvalidRecordException("compacted topic cannot accept a record without key");
                }
            }
        } catch (KafkaException e) {
            throw new CorruptRecordException("cannot decode the records of the compressed batch at position " + pos + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first record of the batch at {@code pos} whose timestamp is at least {@code targetTimestamp}
     * and whose offset is at least {@code minOffset}.
     */
    public static Optional<TimestampAndOffset> firstAtOrAfter(ByteBuffer buf, int pos, int size, long targetTimestamp, long minOffset) {
        MutableRecordBatch batch = batchAt(buf, pos, size);
        try (CloseableIterator<Record> it = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
            while (it.hasNext()) {
                Record r = it.next();
                if (r.timestamp() >= targetTimestamp && r.offset() >= minOffset) {
                    return Optional.of(new TimestampAndOffset(r.timestamp(), r.offset()));
                }
            }
            return Optional.empty();
        } catch (KafkaException e) {
            throw new CorruptRecordException("cannot decode the records of the batch at position " + pos + ": " + e.getMessage(), e);
        }
    }

    /** The first record of the batch at {@code pos} carrying the batch's largest timestamp. */
    public static TimestampAndOffset offsetOfMaxTimestamp(ByteBuffer buf, int pos, int size) {
        MutableRecordBatch batch = batchAt(buf, pos, size);
        long max = batch.maxTimestamp();
        return firstAtOrAfter(buf, pos, size, max, Long.MIN_VALUE)
                .orElse(new TimestampAndOffset(max, batch.lastOffset()));
    }

    private static MutableRecordBatch batchAt(ByteBuffer buf, int pos, int size) {
        ByteBuffer slice = buf.duplicate();
        slice.limit(pos + size).position(pos);
        Iterator<MutableRecordBatch> it = MemoryRecords.readableRecords(slice.slice()).batches().iterator();
        if (!it.hasNext()) {
            throw new CorruptRecordException("no record batch at position " + pos);
        }
        return it.next();
    }
}
