package io.tributary.logstore.record;

import io.tributary.logstore.CorruptRecordException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecords.FilterResult;
import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter;
import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter.BatchRetention;
import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter.BatchRetentionResult;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;

/**
 * Rewrites one record batch for compaction with kafka-clients' {@code MemoryRecords.filterTo}, which
 * is what keeps the result readable by every Kafka client: the records that survive are re-encoded
 * into a batch with the same base offset, last offset (so the producer's last sequence still lines
 * up), producer id, epoch, base sequence, partition leader epoch, timestamp type and compression
 * codec. A batch whose records all survive, and that needs no delete horizon, is copied unchanged.
 *
 * <p>Tombstones: the first rewrite of a batch holding a surviving tombstone stamps the batch's delete
 * horizon ({@code now + delete.retention.ms}, in the base-timestamp field with attribute bit 6, as
 * Kafka does since KIP-534); later rewrites keep it, and the caller's {@link RecordRetention} sees it.
 *
 * <p>Not thread-safe: each cleaner thread owns one, which reuses its decompression buffers.
 */
public final class BatchCompactor {
    /** Decides, record by record, what a compaction keeps. */
    @FunctionalInterface
    public interface RecordRetention {
        /**
         * @param key the record's key, null when it has none; valid only during the call
         * @param tombstone true when the record has no value
         * @param deleteHorizonMs the batch's delete horizon, or {@link RecordBatchFormat#NO_TIMESTAMP} when it has none yet
         */
        boolean retain(long offset, ByteBuffer key, boolean tombstone, long deleteHorizonMs);
    }

    /**
     * What became of one batch.
     *
     * @param output zero or one batch, ready to append (position 0, limit its size)
     * @param earliestTombstoneHorizon the smallest delete horizon of the tombstones kept, or
     *     {@link Long#MAX_VALUE} when none was kept
     */
    public record Result(ByteBuffer output, int recordsRead, int recordsRetained, long earliestTombstoneHorizon) {
        public boolean isEmpty() {
            return !output.hasRemaining();
        }
    }

    private final BufferSupplier decompression = BufferSupplier.create();

    /**
     * Filters the records of the single v2 batch in {@code batch}.
     *
     * @param keepIfEmpty keep the batch as an empty header when no record survives: the last batch of
     *     an active producer (its sequence and epoch must stay in the log) or the last batch of a
     *     rewritten segment group (so the group's offset range stays visible to recovery)
     * @throws CorruptRecordException when the records cannot be decoded
     */
    public Result compact(ByteBuffer batch, boolean keepIfEmpty, long nowMs, long deleteRetentionMs, RecordRetention retention) {
        // filterTo adds the retention to the clock: keep the sum from overflowing into the past
        Filter filter = new Filter(nowMs, Math.min(deleteRetentionMs, Long.MAX_VALUE - Math.max(0, nowMs)), keepIfEmpty, retention);
        try {
            ByteBuffer destination = ByteBuffer.allocate(batch.remaining() + RecordBatchFormat.HEADER_SIZE);
            FilterResult r = MemoryRecords.readableRecords(batch.duplicate()).filterTo(filter, destination, decompression);
            ByteBuffer out = r.outputBuffer();
            out.flip();
            return new Result(out, r.messagesRead(), r.messagesRetained(), filter.earliestHorizon);
        } catch (KafkaException e) {
            throw new CorruptRecordException("cannot compact the batch at offset " + batch.getLong(batch.position()) + ": " + e.getMessage(), e);
        }
    }

    private static final class Filter extends RecordFilter {
        private final boolean keepIfEmpty;
        private final RecordRetention retention;
        long earliestHorizon = Long.MAX_VALUE;

        Filter(long nowMs, long deleteRetentionMs, boolean keepIfEmpty, RecordRetention retention) {
            super(nowMs, deleteRetentionMs);
            this.keepIfEmpty = keepIfEmpty;
            this.retention = retention;
        }

        @Override
        protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
            return new BatchRetentionResult(keepIfEmpty ? BatchRetention.RETAIN_EMPTY : BatchRetention.DELETE_EMPTY, false);
        }

        @Override
        protected boolean shouldRetainRecord(RecordBatch batch, Record record) {
            long horizon = batch.deleteHorizonMs().orElse(RecordBatchFormat.NO_TIMESTAMP);
            boolean tombstone = !record.hasValue();
            boolean keep = retention.retain(record.offset(), record.hasKey() ? record.key() : null, tombstone, horizon);
            if (keep && tombstone) {
                // filterTo stamps a batch without a horizon with now + delete.retention.ms
                earliestHorizon = Math.min(earliestHorizon, horizon == RecordBatchFormat.NO_TIMESTAMP ? currentTime + deleteRetentionMs : horizon);
            }
            return keep;
        }
    }
}
