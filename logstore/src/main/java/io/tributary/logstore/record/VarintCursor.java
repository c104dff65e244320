package io.tributary.logstore.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Reads the zig-zag varints of a batch's records from {@code [pos, limit)} of a buffer with
 * absolute gets, the position in a field of its own: the append path walks every record of an
 * uncompressed batch, and this keeps the walk free of the buffer's position and limit updates.
 *
 * <p>Not thread-safe; one per walk.
 */
final class VarintCursor {
    private final ByteBuffer buf;
    private final int limit;
    private int pos;

    VarintCursor(ByteBuffer buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    void position(int newPosition) {
        pos = newPosition;
    }

    byte get() {
        if (pos >= limit) {
            throw new BufferUnderflowException();
        }
        return buf.get(pos++);
    }

    /** A zig-zag varint of at most 5 bytes. */
    int varint() {
        byte first = get();
        if (first >= 0) {
            // one byte: lengths, deltas and key lengths of small records
            return (first >>> 1) ^ -(first & 1);
        }
        int raw = first & 0x7F;
        int shift = 7;
        while (true) {
            byte b = get();
            raw |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("varint longer than 5 bytes");
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A zig-zag varlong of at most 10 bytes. */
    long varlong() {
        byte first = get();
        if (first >= 0) {
            return (first >>> 1) ^ -(first & 1);
        }
        long raw = first & 0x7F;
        int shift = 7;
        while (true) {
            byte b = get();
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("varlong longer than 10 bytes");
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }
}
