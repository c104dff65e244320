package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;

/**
 * A decoded AMQP 0-9-1 frame.
 *
 * <pre>
 * frame := type u8 | channel u16 | size u32 | payload[size] | 0xCE
 * type  := 1 method | 2 content header | 3 content body | 8 heartbeat
 * </pre>
 */
public sealed interface Frame permits Frame.MethodFrame, Frame.HeaderFrame, Frame.BodyFrame, Frame.Heartbeat {
    int TYPE_METHOD = 1;
    int TYPE_HEADER = 2;
    int TYPE_BODY = 3;
    int TYPE_HEARTBEAT = 8;
    int FRAME_END = 0xCE;
    /** type + channel + size before the payload, frame-end after it. */
    int OVERHEAD = 8;

    int channel();

    record MethodFrame(int channel, Method method) implements Frame {
    }

    /** @param properties property flags and list exactly as received (empty array: no properties) */
    record HeaderFrame(int channel, int classId, long bodySize, byte[] properties) implements Frame {
    }

    /** @param content a retained slice of the frame; whoever takes the frame releases it */
    record BodyFrame(int channel, ByteBuf content) implements Frame {
    }

    record Heartbeat(int channel) implements Frame {
    }
}
