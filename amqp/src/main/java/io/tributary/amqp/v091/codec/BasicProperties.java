package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.exchanges.message.MessageFormat;
import io.tributary.exchanges.message.MessageProperties;
import java.util.Map;

/**
 * The 0-9-1 {@code basic} content properties as a {@link MessageFormat}: the broker keeps them as
 * received (flags + list) and decodes only when the routing core asks.
 *
 * <pre>
 * flags u16 (bit 15 first): content-type, content-encoding, headers, delivery-mode, priority,
 *   correlation-id, reply-to, expiration, message-id, timestamp, type, user-id, app-id, cluster-id
 * </pre>
 */
public final class BasicProperties implements MessageFormat {
    public static final BasicProperties FORMAT = new BasicProperties();

    private BasicProperties() {
    }

    @Override
    public String name() {
        return "amqp-0-9-1";
    }

    @Override
    public MessageProperties decode(byte[] encoded) {
        ByteBuf b = Unpooled.wrappedBuffer(encoded);
        int flags = b.readUnsignedShort();
        while ((flags & 1) != 0 && b.readableBytes() >= 2) {
            flags = (flags & ~1) | (b.readUnsignedShort() << 16);
        }
        try {
            return new MessageProperties(
                    has(flags, 15) ? Wire.readShortStr(b) : null,
                    has(flags, 14) ? Wire.readShortStr(b) : null,
                    has(flags, 13) ? FieldTable.read(b) : null,
                    has(flags, 12) ? (int) b.readUnsignedByte() : null,
                    has(flags, 11) ? (int) b.readUnsignedByte() : null,
                    has(flags, 10) ? Wire.readShortStr(b) : null,
                    has(flags, 9) ? Wire.readShortStr(b) : null,
                    has(flags, 8) ? Wire.readShortStr(b) : null,
                    has(flags, 7) ? Wire.readShortStr(b) : null,
                    has(flags, 6) ? b.readLong() : null,
                    has(flags, 5) ? Wire.readShortStr(b) : null,
                    has(flags, 4) ? Wire.readShortStr(b) : null,
                    has(flags, 3) ? Wire.readShortStr(b) : null,
                    has(flags, 2) ? Wire.readShortStr(b) : null);
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("content properties are shorter than their flags announce");
        }
    }

    @Override
    public byte[] encode(MessageProperties p) {
        ByteBuf b = Unpooled.buffer(64);
        b.writeShort(0);
        int flags = 0;
        flags |= shortStr(b, p.contentType(), 15);
        flags |= shortStr(b, p.contentEncoding(), 14);
        if (p.headers() != null) {
            FieldTable.write(b, p.headers());
            flags |= 1 << 13;
        }
        flags |= octet(b, p.deliveryMode(), 12);
        flags |= octet(b, p.priority(), 11);
        flags |= shortStr(b, p.correlationId(), 10);
        flags |= shortStr(b, p.replyTo(), 9);
        flags |= shortStr(b, p.expiration(), 8);
        flags |= shortStr(b, p.messageId(), 7);
        if (p.timestamp() != null) {
            b.writeLong(p.timestamp());
            flags |= 1 << 6;
        }
        flags |= shortStr(b, p.type(), 5);
        flags |= shortStr(b, p.userId(), 4);
        flags |= shortStr(b, p.appId(), 3);
        flags |= shortStr(b, p.clusterId(), 2);
        b.setShort(0, flags);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static boolean has(int flags, int bit) {
        return (flags & (1 << bit)) != 0;
    }

    private static int shortStr(ByteBuf b, String v, int bit) {
        if (v == null) {
            return 0;
        }
        Wire.writeShortStr(b, v);
        return 1 << bit;
    }

    private static int octet(ByteBuf b, Integer v, int bit) {
        if (v == null) {
            return 0;
        }
        b.writeByte(v);
        return 1 << bit;
    }

    /**
     * The 0-9-1 properties of any message: as received for a 0-9-1 message, converted through the
     * neutral {@link MessageProperties} for other formats (AMQP 1.0).
     */
    public static byte[] encodedFor(io.tributary.exchanges.message.Message m) {
        return m.format() == FORMAT ? m.encodedProperties() : FORMAT.encode(m.properties());
    }

    /** Convenience for tests and server-made messages. */
    public static Map<String, Object> headersOf(byte[] encoded) {
        return FORMAT.decode(encoded).headers();
    }
}
