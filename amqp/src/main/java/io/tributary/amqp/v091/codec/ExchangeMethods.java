package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** Class {@code exchange} (40). */
public final class ExchangeMethods {
    public static final int CLASS = 40;

    private ExchangeMethods() {
    }

    public record Declare(String exchange, String type, boolean passive, boolean durable, boolean autoDelete,
                          boolean internal, boolean noWait, Map<String, Object> arguments) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 10; }
        public String name() { return "exchange.declare"; }
        static Declare read(ByteBuf b) {
            b.skipBytes(2);
            String exchange = Wire.readShortStr(b);
            String type = Wire.readShortStr(b);
            boolean[] bits = Wire.readBits(b, 5);
            return new Declare(exchange, type, bits[0], bits[1], bits[2], bits[3], bits[4], FieldTable.read(b));
        }
    }

    public record Delete(String exchange, boolean ifUnused, boolean noWait) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return 20; }
        public String name() { return "exchange.delete"; }
        static Delete read(ByteBuf b) {
            b.skipBytes(2);
            String exchange = Wire.readShortStr(b);
            boolean[] bits = Wire.readBits(b, 2);
            return new Delete(exchange, bits[0], bits[1]);
        }
    }

    /** {@code exchange.bind} (30) and {@code exchange.unbind} (40) share their arguments. */
    public record Bind(boolean unbind, String destination, String source, String routingKey, boolean noWait,
                       Map<String, Object> arguments) implements Method {
        public int classId() { return CLASS; }
        public int methodId() { return unbind ? 40 : 30; }
        public String name() { return unbind ? "exchange.unbind" : "exchange.bind"; }
        static Bind read(ByteBuf b, boolean unbind) {
            b.skipBytes(2);
            String destination = Wire.readShortStr(b);
            String source = Wire.readShortStr(b);
            String key = Wire.readShortStr(b);
            boolean noWait = Wire.readBits(b, 1)[0];
            return new Bind(unbind, destination, source, key, noWait, FieldTable.read(b));
        }
    }
}
