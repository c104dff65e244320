package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** Class {@code basic} (60), and {@code confirm.select} (85). */
public final class BasicMethods {
    public static final int CLASS = 60;

    private BasicMethods() {
    }

    public record Qos(long prefetchSize, int prefetchCount, boolean global) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 10; }
        public String name() { return "basic.qos"; }
        static Qos read(ByteBuf b) {
            return new Qos(b.readUnsignedInt(), b.readUnsignedShort(), Wire.readBits(b, 1)[0]);
        }
    }

    public record Consume(String queue, String consumerTag, boolean noLocal, boolean noAck, boolean exclusive,
                          boolean noWait, Map<String, Object> arguments) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 20; }
        public String name() { return "basic.consume"; }
        static Consume read(ByteBuf b) {
            b.skipBytes(2);
            String queue = Wire.readShortStr(b);
            String tag = Wire.readShortStr(b);
            boolean[] bits = Wire.readBits(b, 4);
            return new Consume(queue, tag, bits[0], bits[1], bits[2], bits[3], FieldTable.read(b));
        }
    }

    /** {@code consume-ok} (21) and {@code cancel-ok} (31) carry just the tag. */
    public record TagOk(int methodId, String consumerTag) implements Method {
        public int classId() { return CLASS; }
        public String name() { return methodId == 21 ? "basic.consume-ok" : "basic.cancel-ok"; }
        @Override
        public void writeArguments(ByteBuf out) {
            Wire.writeShortStr(out, consumerTag);
        }
    }

    public record Cancel(String consumerTag, boolean noWait) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 30; }
        public String name() { return "basic.cancel"; }
        static Cancel read(ByteBuf b) {
            return new Cancel(Wire.readShortStr(b), Wire.readBits(b, 1)[0]);
        }
        @Override
        public void writeArguments(ByteBuf out) {
            Wire.writeShortStr(out, consumerTag);
            Wire.writeBits(out, noWait);
        }
    }

    public record Publish(String exchange, String routingKey, boolean mandatory, boolean immediate) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 40; }
        public String name() { return "basic.publish"; }
        @Override
        public boolean hasContent() { return true; }
        static Publish read(ByteBuf b) {
            b.skipBytes(2);
            String exchange = Wire.readShortStr(b);
            String key = Wire.readShortStr(b);
            int bits = b.readUnsignedByte();
            return new Publish(exchange, key, (bits & 1) != 0, (bits & 2) != 0);
        }
    }

    public record Return(int replyCode, String replyText, String exchange, String routingKey) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 50; }
        public String name() { return "basic.return"; }
        @Override
        public boolean hasContent() { return true; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeShort(replyCode);
            Wire.writeShortStr(out, replyText);
            Wire.writeShortStr(out, exchange);
            Wire.writeShortStr(out, routingKey);
        }
    }

    public record Deliver(String consumerTag, long deliveryTag, boolean redelivered, String exchange, String routingKey)
            implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 60; }
        public String name() { return "basic.deliver"; }
        @Override
        public boolean hasContent() { return true; }
        @Override
        public void writeArguments(ByteBuf out) {
            Wire.writeShortStr(out, consumerTag);
            out.writeLong(deliveryTag);
            out.writeByte(redelivered ? 1 : 0);
            Wire.writeShortStr(out, exchange);
            Wire.writeShortStr(out, routingKey);
        }
    }

    public record Get(String queue, boolean noAck) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 70; }
        public String name() { return "basic.get"; }
        static Get read(ByteBuf b) {
            b.skipBytes(2);
            return new Get(Wire.readShortStr(b), Wire.readBits(b, 1)[0]);
        }
    }

    public record GetOk(long deliveryTag, boolean redelivered, String exchange, String routingKey, long messageCount)
            implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 71; }
        public String name() { return "basic.get-ok"; }
        @Override
        public boolean hasContent() { return true; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeLong(deliveryTag);
            out.writeByte(redelivered ? 1 : 0);
            Wire.writeShortStr(out, exchange);
            Wire.writeShortStr(out, routingKey);
            out.writeInt((int) messageCount);
        }
    }

    public record GetEmpty() implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 72; }
        public String name() { return "basic.get-empty"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeByte(0);
        }
    }

    /** {@code basic.ack} (80), sent by clients to settle and by the server to confirm. */
    public record Ack(long deliveryTag, boolean multiple) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 80; }
        public String name() { return "basic.ack"; }
        static Ack read(ByteBuf b) {
            return new Ack(b.readLong(), Wire.readBits(b, 1)[0]);
        }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeLong(deliveryTag);
            out.writeByte(multiple ? 1 : 0);
        }
    }

    /** {@code basic.nack} (120) and {@code basic.reject} (90, never multiple). */
    public record Nack(boolean reject, long deliveryTag, boolean multiple, boolean requeue) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return reject ? 90 : 120; }
        public String name() { return reject ? "basic.reject" : "basic.nack"; }
        static Nack read(ByteBuf b, boolean reject) {
            long tag = b.readLong();
            boolean[] bits = Wire.readBits(b, reject ? 1 : 2);
            return reject ? new Nack(true, tag, false, bits[0]) : new Nack(false, tag, bits[0], bits[1]);
        }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeLong(deliveryTag);
            Wire.writeBits(out, multiple, requeue);
        }
    }

    /** {@code basic.recover} (110) and {@code basic.recover-async} (100). */
    public record Recover(boolean async, boolean requeue) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return async ? 100 : 110; }
        public String name() { return async ? "basic.recover-async" : "basic.recover"; }
    }

    /** {@code confirm.select} (class 85). */
    public record ConfirmSelect(boolean noWait) implements Method {
        public int classId() { return 85; }
        public int methodId() { return 10; }
        public String name() { return "confirm.select"; }
    }
}
