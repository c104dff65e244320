package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** Turns a whole frame into a typed {@link Frame}; no business logic. */
public final class Amqp091FrameParser extends MessageToMessageDecoder<ByteBuf> {
    private static final byte[] NO_PROPERTIES = new byte[0];

    public Amqp091FrameParser() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(parse(frame));
    }

    /** Parses one whole frame (header, payload and end octet); does not release it. */
    public static Frame parse(ByteBuf frame) {
        int type = frame.readUnsignedByte();
        int channel = frame.readUnsignedShort();
        int size = frame.readInt();
        ByteBuf payload = frame.slice(frame.readerIndex(), size);
        try {
            switch (type) {
                case Frame.TYPE_METHOD:
                    return new Frame.MethodFrame(channel, MethodDecoder.decode(payload.readUnsignedShort(),
                            payload.readUnsignedShort(), payload));
                case Frame.TYPE_HEADER: {
                    int classId = payload.readUnsignedShort();
                    payload.skipBytes(2);
                    long bodySize = payload.readLong();
                    byte[] props = NO_PROPERTIES;
                    if (payload.readableBytes() > 2 || (payload.isReadable() && payload.getShort(payload.readerIndex()) != 0)) {
                        props = new byte[payload.readableBytes()];
                        payload.readBytes(props);
                    }
                    return new Frame.HeaderFrame(channel, classId, bodySize, props);
                }
                case Frame.TYPE_BODY:
                    return new Frame.BodyFrame(channel, frame.retainedSlice(frame.readerIndex(), size));
                case Frame.TYPE_HEARTBEAT:
                    return new Frame.Heartbeat(channel);
                default:
                    throw new FrameErrorException("unknown frame type " + type);
            }
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("frame of type " + type + " is shorter than its content");
        }
    }
}
