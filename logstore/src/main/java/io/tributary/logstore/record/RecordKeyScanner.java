package io.tributary.logstore.record;

import io.tributary.logstore.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Visits the keys of one batch's records (decompressing when needed): the log cleaner builds its
 * key-to-offset map with it.
 *
 * <p>Not thread-safe: each cleaner thread owns one, which reuses its decompression buffers.
 */
public final class RecordKeyScanner {
    /** Receives one keyed record. */
    @FunctionalInterface
    public interface KeyVisitor {
        /** {@code key} is valid only during the call. */
        void visit(long offset, ByteBuffer key);
    }

    private final BufferSupplier decompression = BufferSupplier.create();

    /**
     * Calls {@code visitor} for every record of the single batch in {@code batch} that has a key
     * and an offset of at least {@code minOffset}.
     *
     * @throws CorruptRecordException when the records cannot be decoded
     */
    public void forEachKey(ByteBuffer batch, long minOffset, KeyVisitor visitor) {
        MutableRecordBatch b = onlyBatch(batch);
        try (CloseableIterator<Record> it = b.streamingIterator(decompression)) {
            while (it.hasNext()) {
                Record r = it.next();
                if (r.hasKey() && r.offset() >= minOffset) {
                    visitor.visit(r.offset(), r.key());
                }
            }
        } catch (KafkaException e) {
            throw new CorruptRecordException("cannot decode the records of the batch at offset " + b.baseOffset() + ": " + e.getMessage(), e);
        }
    }

    static MutableRecordBatch onlyBatch(ByteBuffer batch) {
        Iterator<MutableRecordBatch> it = MemoryRecords.readableRecords(batch.duplicate()).batches().iterator();
        if (!it.hasNext()) {
            throw new CorruptRecordException("no record batch in a buffer of " + batch.remaining() + " bytes");
        }
        return it.next();
    }
}
