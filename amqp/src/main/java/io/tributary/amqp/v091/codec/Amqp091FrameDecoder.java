package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into whole frames: {@code LengthFieldBasedFrameDecoder(max, 3, 4, 1, 0)}
 * (type 1, channel 2, size 4, payload, end octet), then checks the frame-end octet. A frame larger
 * than {@code maxFrameSize} fails with {@link io.netty.handler.codec.TooLongFrameException}, a
 * wrong end octet with {@link FrameErrorException}; both close the connection with 501 FRAME_ERROR.
 * Emits each frame whole (header included) as a slice of the cumulation.
 */
public final class Amqp091FrameDecoder extends LengthFieldBasedFrameDecoder {
    public Amqp091FrameDecoder(int maxFrameSize) {
        super(maxFrameSize, 3, 4, 1, 0, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        if (frame.getUnsignedByte(frame.writerIndex() - 1) != Frame.FRAME_END) {
            frame.release();
            throw new FrameErrorException("frame end octet is not 0xCE");
        }
        return frame;
    }

    @Override
    protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf buffer, int index, int length) {
        return buffer.retainedSlice(index, length);
    }
}
