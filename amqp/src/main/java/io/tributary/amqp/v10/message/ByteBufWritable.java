package io.tributary.amqp.v10.message;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import org.apache.qpid.proton.codec.ReadableBuffer;
import org.apache.qpid.proton.codec.WritableBuffer;

/** proton's {@link WritableBuffer} over a growable Netty {@link ByteBuf} (as Artemis' NettyWritable). */
final class ByteBufWritable implements WritableBuffer {
    private final ByteBuf buf;

    ByteBufWritable(ByteBuf buf) {
        this.buf = buf;
    }

    @Override
    public void put(byte b) {
        buf.writeByte(b);
    }

    @Override
    public void putFloat(float f) {
        buf.writeFloat(f);
    }

    @Override
    public void putDouble(double d) {
        buf.writeDouble(d);
    }

    @Override
    public void put(byte[] src, int offset, int length) {
        buf.writeBytes(src, offset, length);
    }

    @Override
    public void putShort(short s) {
        buf.writeShort(s);
    }

    @Override
    public void putInt(int i) {
        buf.writeInt(i);
    }

    @Override
    public void putLong(long l) {
        buf.writeLong(l);
    }

    @Override
    public boolean hasRemaining() {
        return buf.writerIndex() < buf.maxCapacity();
    }

    @Override
    public int remaining() {
        return buf.maxCapacity() - buf.writerIndex();
    }

    @Override
    public int position() {
        return buf.writerIndex();
    }

    @Override
    public void position(int position) {
        buf.ensureWritable(Math.max(0, position - buf.writerIndex()));
        buf.writerIndex(position);
    }

    @Override
    public void put(ByteBuffer payload) {
        buf.writeBytes(payload);
    }

    @Override
    public void put(ReadableBuffer payload) {
        while (payload.hasRemaining()) {
            buf.writeByte(payload.get());
        }
    }

    @Override
    public int limit() {
        return buf.maxCapacity();
    }
}
