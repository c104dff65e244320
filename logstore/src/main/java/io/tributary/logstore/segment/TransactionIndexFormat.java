package io.tributary.logstore.segment;

import io.tributary.logstore.AbortedTxn;
import java.nio.ByteBuffer;

/**
 * The layout of a segment's {@code .txnindex} file, Kafka's: one fixed-size entry per transaction
 * aborted by a marker in the segment, appended in marker order. There is no file header; each entry
 * carries its own version.
 *
 * <pre>
 *  0       2                10                 18                26                  34
 *  +-------+----------------+------------------+-----------------+-------------------+
 *  |version|  producer id   |   first offset   |   last offset   | last stable offset|
 *  | int16 |     int64      |      int64       |      int64      |       int64       |
 *  +-------+----------------+------------------+-----------------+-------------------+
 * </pre>
 *
 * A torn last entry (shorter than 34 bytes) is ignored and cut when the index is next written.
 */
public final class TransactionIndexFormat {
    public static final short VERSION = 0;
    public static final int ENTRY_SIZE = 34;

    private TransactionIndexFormat() {
    }

    static void write(ByteBuffer out, AbortedTxn t) {
        out.putShort(VERSION).putLong(t.producerId()).putLong(t.firstOffset()).putLong(t.lastOffset()).putLong(t.lastStableOffset());
    }

    /** Reads the entry at the buffer's position, or null when its version is unknown (the file is then not trusted). */
    static AbortedTxn read(ByteBuffer in) {
        short version = in.getShort();
        if (version != VERSION) {
            return null;
        }
        return new AbortedTxn(in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }
}
