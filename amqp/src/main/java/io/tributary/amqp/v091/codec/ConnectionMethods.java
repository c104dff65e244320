package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** Class {@code connection} (10). */
public final class ConnectionMethods {
    public static final int CLASS = 10;

    private ConnectionMethods() {
    }

    public record Start(Map<String, Object> serverProperties, String mechanisms, String locales) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 10; }
        public String name() { return "connection.start"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeByte(0).writeByte(9);
            FieldTable.write(out, serverProperties);
            Wire.writeLongStr(out, mechanisms);
            Wire.writeLongStr(out, locales);
        }
    }

    public record StartOk(Map<String, Object> clientProperties, String mechanism, byte[] response, String locale) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 11; }
        public String name() { return "connection.start-ok"; }
        static StartOk read(ByteBuf b) {
            return new StartOk(FieldTable.read(b), Wire.readShortStr(b), Wire.readLongStrBytes(b), Wire.readShortStr(b));
        }
    }

    public record SecureOk(byte[] response) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 21; }
        public String name() { return "connection.secure-ok"; }
    }

    public record Tune(int channelMax, long frameMax, int heartbeat) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 30; }
        public String name() { return "connection.tune"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeShort(channelMax).writeInt((int) frameMax).writeShort(heartbeat);
        }
    }

    public record TuneOk(int channelMax, long frameMax, int heartbeat) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 31; }
        public String name() { return "connection.tune-ok"; }
        static TuneOk read(ByteBuf b) {
            return new TuneOk(b.readUnsignedShort(), b.readUnsignedInt(), b.readUnsignedShort());
        }
    }

    public record Open(String virtualHost) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 40; }
        public String name() { return "connection.open"; }
        static Open read(ByteBuf b) {
            String vhost = Wire.readShortStr(b);
            Wire.readShortStr(b);
            b.readByte();
            return new Open(vhost);
        }
    }

    public record OpenOk() implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 41; }
        public String name() { return "connection.open-ok"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeByte(0);
        }
    }

    public record Close(int replyCode, String replyText, int failingClassId, int failingMethodId) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 50; }
        public String name() { return "connection.close"; }
        @Override
        public void writeArguments(ByteBuf out) {
            Wire.writeClose(out, replyCode, replyText, failingClassId, failingMethodId);
        }
        static Close read(ByteBuf b) {
            return new Close(b.readUnsignedShort(), Wire.readShortStr(b), b.readUnsignedShort(), b.readUnsignedShort());
        }
    }

    public record Blocked(String reason) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 60; }
        public String name() { return "connection.blocked"; }
        @Override
        public void writeArguments(ByteBuf out) {
            Wire.writeShortStr(out, reason);
        }
    }

    public record UpdateSecret(byte[] newSecret, String reason) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 70; }
        public String name() { return "connection.update-secret"; }
    }
}
