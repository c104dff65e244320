package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes outgoing frames straight into one buffer, so a delivery (method, header and body frames)
 * costs one pooled allocation and one write.
 */
public final class FrameWriter {
    private static final byte[] HEARTBEAT = {Frame.TYPE_HEARTBEAT, 0, 0, 0, 0, 0, 0, (byte) Frame.FRAME_END};

    private FrameWriter() {
    }

    public static ByteBuf method(ByteBufAllocator alloc, int channel, Method m) {
        ByteBuf out = alloc.buffer(64);
        writeMethod(out, channel, m);
        return out;
    }

    public static void writeMethod(ByteBuf out, int channel, Method m) {
        out.writeByte(Frame.TYPE_METHOD).writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        out.writeShort(m.classId()).writeShort(m.methodId());
        m.writeArguments(out);
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(Frame.FRAME_END);
    }

    /** A method with content (deliver, get-ok, return): method frame, header frame, body frames cut at {@code frameMax}. */
    public static ByteBuf content(ByteBufAllocator alloc, int channel, Method m, byte[] properties, byte[] body, int frameMax) {
        int bodyFrames = body.length == 0 ? 0 : (body.length + frameMax - Frame.OVERHEAD - 1) / (frameMax - Frame.OVERHEAD);
        ByteBuf out = alloc.buffer(128 + properties.length + body.length + bodyFrames * Frame.OVERHEAD);
        writeMethod(out, channel, m);
        out.writeByte(Frame.TYPE_HEADER).writeShort(channel);
        out.writeInt(12 + Math.max(2, properties.length));
        out.writeShort(m.classId()).writeShort(0).writeLong(body.length);
        if (properties.length == 0) {
            out.writeShort(0);
        } else {
            out.writeBytes(properties);
        }
        out.writeByte(Frame.FRAME_END);
        int max = frameMax - Frame.OVERHEAD;
        for (int off = 0; off < body.length; off += max) {
            int n = Math.min(max, body.length - off);
            out.writeByte(Frame.TYPE_BODY).writeShort(channel).writeInt(n);
            out.writeBytes(body, off, n);
            out.writeByte(Frame.FRAME_END);
        }
        return out;
    }

    public static ByteBuf heartbeat(ByteBufAllocator alloc) {
        return alloc.buffer(8).writeBytes(HEARTBEAT);
    }
}
