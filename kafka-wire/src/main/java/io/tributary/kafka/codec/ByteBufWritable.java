package io.tributary.kafka.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.logstore.record.LogSlice;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * kafka-clients' {@link Writable} over Netty buffers. Record sets that are slices of a log segment
 * ({@link LogSliceRecords}) end the current buffer and become a file region of their own, so one
 * response is a sequence of buffers and file regions written in order.
 */
final class ByteBufWritable implements Writable {
    private final ByteBufAllocator allocator;
    private final List<Object> parts;
    private final int chunkHint;
    private final boolean zeroCopy;
    private ByteBuf current;

    /**
     * @param sizeHint the encoded size without zero-copy bytes: the first buffer's capacity
     */
    ByteBufWritable(ByteBufAllocator allocator, List<Object> parts, int sizeHint) {
        this(allocator, parts, sizeHint, true);
    }

    /** @param zeroCopy file regions (sendfile); false: chunked reads of the file, for TLS */
    ByteBufWritable(ByteBufAllocator allocator, List<Object> parts, int sizeHint, boolean zeroCopy) {
        this.zeroCopy = zeroCopy;
        this.allocator = allocator;
        this.parts = parts;
        this.chunkHint = Math.max(64, sizeHint);
        this.current = allocator.ioBuffer(chunkHint);
    }

    /** Adds the last buffer to the parts; the writer must not be used afterwards. */
    void finish() {
        if (current.isReadable()) {
            parts.add(current);
        } else {
            current.release();
        }
        current = null;
    }

    /** Releases what was written so far (encoding failed). */
    void discard() {
        if (current != null) {
            current.release();
            current = null;
        }
    }

    @Override
    public void writeByte(byte val) {
        current.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        current.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        current.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        current.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        current.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        current.writeBytes(arr);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        current.writeBytes(buf.duplicate());
    }

    @Override
    public void writeUnsignedVarint(int value) {
        int v = value;
        while ((v & 0xFFFFFF80) != 0) {
            current.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        current.writeByte(v);
    }

    @Override
    public void writeVarint(int value) {
        writeUnsignedVarint((value << 1) ^ (value >> 31));
    }

    @Override
    public void writeVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            current.writeByte(((int) v & 0x7F) | 0x80);
            v >>>= 7;
        }
        current.writeByte((int) v);
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (records instanceof LogSliceRecords sliced) {
            LogSlice slice = sliced.slice();
            if (slice.isEmpty()) {
                return;
            }
            parts.add(current);
            parts.add(zeroCopy ? new SharedFileRegion(slice.channel(), slice.position(), slice.sizeInBytes())
                    : new FileSliceChunks(slice.channel(), slice.position(), slice.sizeInBytes()));
            current = allocator.ioBuffer(chunkHint);
        } else if (records instanceof MemoryRecords memory) {
            writeByteBuffer(memory.buffer());
        } else {
            Writable.super.writeRecords(records);
        }
    }
}
