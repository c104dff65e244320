package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** Class {@code queue} (50). */
public final class QueueMethods {
    public static final int CLASS = 50;

    private QueueMethods() {
    }

    public record Declare(String queue, boolean passive, boolean durable, boolean exclusive, boolean autoDelete,
                          boolean noWait, Map<String, Object> arguments) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 10; }
        public String name() { return "queue.declare"; }
        static Declare read(ByteBuf b) {
            b.skipBytes(2);
            String queue = Wire.readShortStr(b);
            boolean[] bits = Wire.readBits(b, 5);
            return new Declare(queue, bits[0], bits[1], bits[2], bits[3], bits[4], FieldTable.read(b));
        }
    }

    public record DeclareOk(String queue, long messageCount, long consumerCount) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 11; }
        public String name() { return "queue.declare-ok"; }
        @Override
        public void writeArguments(ByteBuf out) {
            Wire.writeShortStr(out, queue);
            out.writeInt((int) messageCount).writeInt((int) consumerCount);
        }
    }

    /** {@code queue.bind} (20) and {@code queue.unbind} (50); unbind has no no-wait bit. */
    public record Bind(boolean unbind, String queue, String exchange, String routingKey, boolean noWait,
                       Map<String, Object> arguments) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return unbind ? 50 : 20; }
        public String name() { return unbind ? "queue.unbind" : "queue.bind"; }
        static Bind read(ByteBuf b, boolean unbind) {
            b.skipBytes(2);
            String queue = Wire.readShortStr(b);
            String exchange = Wire.readShortStr(b);
            String key = Wire.readShortStr(b);
            boolean noWait = !unbind && Wire.readBits(b, 1)[0];
            return new Bind(unbind, queue, exchange, key, noWait, FieldTable.read(b));
        }
    }

    public record Purge(String queue, boolean noWait) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 30; }
        public String name() { return "queue.purge"; }
        static Purge read(ByteBuf b) {
            b.skipBytes(2);
            return new Purge(Wire.readShortStr(b), Wire.readBits(b, 1)[0]);
        }
    }

    /** {@code purge-ok} (31) and {@code delete-ok} (41) both carry a message count. */
    public record CountOk(int methodId, long messageCount) implements Method {
        public int classId() { return CLASS; }
        public String name() { return methodId == 31 ? "queue.purge-ok" : "queue.delete-ok"; }
        @Override
        public void writeArguments(ByteBuf out) {
            out.writeInt((int) messageCount);
        }
    }

    public record Delete(String queue, boolean ifUnused, boolean ifEmpty, boolean noWait) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 40; }
        public String name() { return "queue.delete"; }
        static Delete read(ByteBuf b) {
            b.skipBytes(2);
            String queue = Wire.readShortStr(b);
            boolean[] bits = Wire.readBits(b, 3);
            return new Delete(queue, bits[0], bits[1], bits[2]);
        }
    }
}
