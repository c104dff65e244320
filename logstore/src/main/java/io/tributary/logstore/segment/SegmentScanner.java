package io.tributary.logstore.segment;

import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.RecordBatchFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Recovery's view of a {@code .log} file: batch after batch from the start, each checked for a
 * plausible size, magic 2, a CRC-32C that matches, and offsets that increase; the first batch that
 * fails ends the valid prefix. The CRC is computed in chunks, so a garbage size field never makes
 * it allocate more than one chunk.
 */
final class SegmentScanner {
    private static final int CHUNK = 64 * 1024;

    private final LogFile log;
    private final long segmentBaseOffset;
    private final ByteBuffer header = ByteBuffer.allocate(RecordBatchFormat.HEADER_SIZE);
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    private int position;
    private long nextOffset;
    private String stopReason = "end of file";

    SegmentScanner(LogFile log, long segmentBaseOffset) {
        this.log = log;
        this.segmentBaseOffset = segmentBaseOffset;
        this.nextOffset = segmentBaseOffset;
    }

    /** Bytes of valid batches so far. */
    int validBytes() {
        return position;
    }

    String stopReason() {
        return stopReason;
    }

    /** The next valid batch, or null at the end of the valid prefix. */
    BatchHeader next() throws IOException {
        int remaining = log.size() - position;
        if (remaining == 0) {
            return null;
        }
        if (remaining < RecordBatchFormat.HEADER_SIZE) {
            return stop("torn batch header of " + remaining + " bytes");
        }
        header.clear();
        log.readFully(header, position);
        BatchHeader b = BatchHeader.read(header, 0, position);
        if (b.sizeInBytes() < RecordBatchFormat.HEADER_SIZE || b.sizeInBytes() > remaining) {
            return stop("batch size " + b.sizeInBytes() + " with " + remaining + " bytes left");
        }
        if (b.magic() != RecordBatchFormat.MAGIC_V2) {
            return stop("magic " + b.magic());
        }
        if (b.lastOffsetDelta() < 0 || b.baseOffset() < nextOffset || b.lastOffset() - segmentBaseOffset > Integer.MAX_VALUE) {
            return stop("offsets " + b.baseOffset() + ".." + b.lastOffset() + " after " + nextOffset);
        }
        if (crc(b) != (header.getInt(RecordBatchFormat.CRC_OFFSET) & 0xFFFFFFFFL)) {
            return stop("CRC-32C mismatch in the batch at offset " + b.baseOffset());
        }
        position += b.sizeInBytes();
        nextOffset = b.nextOffset();
        return b;
    }

    private long crc(BatchHeader b) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer h = header.duplicate();
        h.position(RecordBatchFormat.ATTRIBUTES_OFFSET).limit(RecordBatchFormat.HEADER_SIZE);
        crc.update(h);
        long p = b.position() + RecordBatchFormat.HEADER_SIZE;
        long end = b.position() + b.sizeInBytes();
        while (p < end) {
            chunk.clear();
            chunk.limit((int) Math.min(CHUNK, end - p));
            log.readFully(chunk, p);
            p += chunk.position();
            chunk.flip();
            crc.update(chunk);
        }
        return crc.getValue();
    }

    private BatchHeader stop(String reason) {
        stopReason = reason + " at position " + position;
        return null;
    }
}
