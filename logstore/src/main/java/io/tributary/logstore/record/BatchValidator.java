package io.tributary.logstore.record;

import static io.tributary.logstore.record.RecordBatchFormat.HEADER_SIZE;
import static io.tributary.logstore.record.RecordBatchFormat.LOG_OVERHEAD;
import static io.tributary.logstore.record.RecordBatchFormat.MAGIC_OFFSET;
import static io.tributary.logstore.record.RecordBatchFormat.MAGIC_V2;
import static io.tributary.logstore.record.RecordBatchFormat.NO_TIMESTAMP;

import io.tributary.logstore.CorruptRecordException;
import io.tributary.logstore.InvalidRecordException;
import io.tributary.logstore.InvalidTimestampException;
import io.tributary.logstore.RecordTooLargeException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks record batches as a producer sent them, before anything is written: sizes, magic,
 * CRC-32C, the offset range against the record count, sequence numbers, timestamps and, for
 * uncompressed batches, each record's framing. Compressed batches are checked by their header
 * and CRC only (the records are not decompressed on the append path).
 *
 * <p>Stateless; runs on the caller's thread, outside the log's lock.
 */
public final class BatchValidator {
    private BatchValidator() {
    }

    /**
     * Validates every batch in {@code buf} between its position and limit (the buffer is not moved).
     *
     * @throws CorruptRecordException for damaged bytes (sizes, CRC)
     * @throws InvalidRecordException for well-formed batches that break a rule
     * @throws RecordTooLargeException for a batch over {@code rules.maxBatchBytes()}
     * @throws InvalidTimestampException for CreateTime timestamps out of bounds
     */
    public static ValidatedBatches validate(ByteBuffer buf, ValidationRules rules, long nowMs) {
        List<BatchHeader> batches = new ArrayList<>(1);
        int pos = buf.position();
        int end = buf.limit();
        long offsets = 0;
        int records = 0;
        long maxTimestamp = NO_TIMESTAMP;
        while (pos < end) {
            BatchHeader h = validateBatch(buf, pos, end, rules, nowMs);
            batches.add(h);
            offsets += h.lastOffsetDelta() + 1L;
            records += h.recordCount();
            maxTimestamp = Math.max(maxTimestamp, h.maxTimestamp());
            pos += h.sizeInBytes();
        }
        if (batches.isEmpty()) {
            throw new InvalidRecordException("an append must contain at least one record batch");
        }
        return new ValidatedBatches(List.copyOf(batches), offsets, records, end - buf.position(), maxTimestamp);
    }

    private static BatchHeader validateBatch(ByteBuffer buf, int pos, int end, ValidationRules rules, long nowMs) {
        int remaining = end - pos;
        if (remaining < LOG_OVERHEAD) {
            throw new CorruptRecordException("truncated record batch: " + remaining + " bytes left at position " + pos);
        }
        int size = RecordBatchFormat.sizeAt(buf, pos);
        if (size < HEADER_SIZE || size < 0) {
            throw new CorruptRecordException("record batch size " + size + " is smaller than the batch header (" + HEADER_SIZE + ")");
        }
        if (size > rules.maxBatchBytes()) {
            throw new RecordTooLargeException("record batch of " + size + " bytes exceeds max.message.bytes " + rules.maxBatchBytes());
        }
        if (size > remaining) {
            throw new CorruptRecordException("truncated record batch: declares " + size + " bytes, " + remaining + " present");
        }
        byte magic = buf.get(pos + MAGIC_OFFSET);
        if (magic != MAGIC_V2) {
            throw new InvalidRecordException("record batch magic " + magic + " is not supported: only v2 (magic 2) batches are accepted");
        }
        if (!RecordBatchFormat.crcMatches(buf, pos, size)) {
            throw new CorruptRecordException("record batch CRC-32C mismatch at position " + pos);
        }
        BatchHeader h = BatchHeader.read(buf, pos, pos);
        checkHeader(h, rules);
        if (!rules.logAppendTime()) {
            checkTimestamp(h.maxTimestamp(), rules, nowMs);
            checkTimestamp(h.baseTimestamp(), rules, nowMs);
        }
        if (h.compression() == 0) {
            checkRecords(buf, pos, h, rules, nowMs);
        } else if (rules.keysRequired() && !h.isControl()) {
            CompressedRecords.checkKeys(buf, pos, size);
        }
        return h;
    }

    private static void checkHeader(BatchHeader h, ValidationRules rules) {
        if (h.lastOffsetDelta() < 0) {
            throw new InvalidRecordException("record batch has an invalid offset range: lastOffsetDelta " + h.lastOffsetDelta());
        }
        if (h.recordCount() <= 0) {
            throw new InvalidRecordException("invalid record count " + h.recordCount() + " in record batch");
        }
        if ((long) h.lastOffsetDelta() + 1 != h.recordCount()) {
            throw new InvalidRecordException("inconsistent record batch: offset range of " + (h.lastOffsetDelta() + 1L)
                    + " and record count " + h.recordCount());
        }
        if (h.isControl() && !rules.controlBatchesAllowed()) {
            throw new InvalidRecordException("clients may not write control batches");
        }
        if (h.hasProducerId() && !h.isControl() && h.baseSequence() < 0) { // markers carry no sequence
            throw new InvalidRecordException("invalid sequence number " + h.baseSequence() + " for producer " + h.producerId());
        }
        if (h.compression() > 4) {
            throw new InvalidRecordException("unknown compression type " + h.compression());
        }
    }

    private static void checkTimestamp(long ts, ValidationRules rules, long nowMs) {
        if (ts == NO_TIMESTAMP) {
            return;
        }
        if (ts < nowMs - rules.timestampBeforeMaxMs()) {
            throw new InvalidTimestampException("timestamp " + ts + " is more than message.timestamp.before.max.ms="
                    + rules.timestampBeforeMaxMs() + " before the broker's time " + nowMs);
        }
        if (ts > nowMs && ts - nowMs > rules.timestampAfterMaxMs()) {
            throw new InvalidTimestampException("timestamp " + ts + " is more than message.timestamp.after.max.ms="
                    + rules.timestampAfterMaxMs() + " after the broker's time " + nowMs);
        }
    }

    /** Walks the records of an uncompressed batch: framing, consecutive offset deltas, timestamps, keys. */
    private static void checkRecords(ByteBuffer buf, int pos, BatchHeader h, ValidationRules rules, long nowMs) {
        int batchEnd = pos + h.sizeInBytes();
        VarintCursor r = new VarintCursor(buf, pos + HEADER_SIZE, batchEnd);
        boolean checkTimestamps = !rules.logAppendTime() && h.baseTimestamp() != NO_TIMESTAMP;
        try {
            for (int i = 0; i < h.recordCount(); i++) {
                int length = r.varint();
                int recordEnd = r.position() + length;
                if (length < 1 || recordEnd > batchEnd) {
                    throw new CorruptRecordException("record " + i + " of batch at position " + pos + " has invalid length " + length);
                }
                r.get(); // attributes, unused
                long timestampDelta = r.varlong();
                int offsetDelta = r.varint();
                if (offsetDelta != i) {
                    throw new InvalidRecordException("record " + i + " of batch at position " + pos + " has offset delta " + offsetDelta);
                }
                int keyLength = r.varint();
                if (keyLength < 0 && rules.keysRequired() && !h.isControl()) {
                    throw new InvalidRecordException("compacted topic cannot accept a record without key");
                }
                if (checkTimestamps) {
                    checkTimestamp(h.baseTimestamp() + timestampDelta, rules, nowMs);
                }
                r.position(recordEnd);
            }
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CorruptRecordException("malformed record in batch at position " + pos + ": " + e);
        }
        if (r.position() != batchEnd) {
            throw new CorruptRecordException("record batch at position " + pos + " has " + (batchEnd - r.position())
                    + " bytes after its " + h.recordCount() + " records");
        }
    }
}
