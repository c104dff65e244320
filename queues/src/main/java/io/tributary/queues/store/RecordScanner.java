package io.tributary.queues.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the records of a msgs segment in chunks read into a pooled buffer (a record larger than a
 * chunk gets a buffer of its own). Used by recovery (with CRC checks, stopping at the first invalid
 * record) and by purge.
 */
final class RecordScanner {
    /** Sees one record: {@code src} holds it at {@code at}, {@code size} bytes long. */
    @FunctionalInterface
    interface Visitor {
        void record(int position, ByteBuffer src, int at, int size) throws IOException;
    }

    private RecordScanner() {
    }

    /**
     * Visits the records from {@code from} up to {@code end}; returns the position after the last
     * valid one (equal to {@code end} when all were valid).
     */
    static int scan(MessageSegment s, int from, int end, BufferPool pool, boolean verifyCrc, Visitor v) throws IOException {
        ByteBuffer buf = pool.acquire();
        try {
            int pos = from;
            while (pos < end) {
                buf.clear().limit(Math.min(buf.capacity(), end - pos));
                s.read(buf, pos);
                buf.flip();
                int off = 0;
                while (off + 4 <= buf.limit()) {
                    int size = QueueStoreFormat.recordSize(buf, off, (long) end - pos - off);
                    if (size < 0) {
                        return pos + off;
                    }
                    ByteBuffer src = buf;
                    int at = off;
                    if (off + size > buf.limit()) {
                        if (off > 0) {
                            break;
                        }
                        src = ByteBuffer.allocate(size);
                        s.read(src, pos);
                        src.flip();
                        at = 0;
                    }
                    if (verifyCrc && !QueueStoreFormat.crcMatches(src, at, size)) {
                        return pos + off;
                    }
                    v.record(pos + off, src, at, size);
                    off += size;
                }
                if (off == 0) {
                    return pos;
                }
                pos += off;
            }
            return pos;
        } finally {
            pool.release(buf);
        }
    }
}
