package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;

/** Class {@code channel} (20). */
public final class ChannelMethods {
    public static final int CLASS = 20;

    private ChannelMethods() {
    }

    public record Open() implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 10; }
        public String name() { return "channel.open"; }
    }

    public record OpenOk() implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 11; }
        public String name() { return "channel.open-ok"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeInt(0);
        }
    }

    public record Flow(boolean active) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 20; }
        public String name() { return "channel.flow"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeByte(active ? 1 : 0);
        }
    }

    public record FlowOk(boolean active) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 21; }
        public String name() { return "channel.flow-ok"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeByte(active ? 1 : 0);
        }
    }

    public record Close(int replyCode, String replyText, int failingClassId, int failingMethodId) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 40; }
        public String name() { return "channel.close"; }
        @Override
        public void writeArguments(ByteBuf out) {
            Wire.writeClose(out, replyCode, replyText, failingClassId, failingMethodId);
        }
        static Close read(ByteBuf b) {
            return new Close(b.readUnsignedShort(), Wire.readShortStr(b), b.readUnsignedShort(), b.readUnsignedShort());
        }
    }
}
