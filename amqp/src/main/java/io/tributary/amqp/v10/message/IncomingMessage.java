package io.tributary.amqp.v10.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.amqp.v10.error.AmqpErrorException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations;
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.codec.DecodeException;

/**
 * A transfer's bytes split for the routing core: the encoded properties (as {@link Sections} lays them
 * out, delivery annotations and footer dropped: they are for one hop), the body the other protocols see,
 * and the fields that routing needs ({@code to}, {@code subject}).
 */
public record IncomingMessage(byte[] encodedProperties, byte[] body, String to, String subject, Properties properties) {
    /**
     * @throws AmqpErrorException {@code amqp:decode-error} when the bytes are no AMQP 1.0 message
     */
    public static IncomingMessage decode(byte[] raw) {
        List<Codec.Section> sections;
        try {
            sections = Codec.get().sections(raw, 0, raw.length);
        } catch (DecodeException e) {
            throw new AmqpErrorException(AmqpError.DECODE_ERROR, "message does not decode: " + e.getMessage());
        }
        Codec.Section header = null;
        Codec.Section annotations = null;
        Codec.Section properties = null;
        Codec.Section appProperties = null;
        int bodyStart = -1;
        int bodyEnd = -1;
        int bodySections = 0;
        Object firstBody = null;
        for (Codec.Section s : sections) {
            Object v = s.value();
            if (v instanceof Header) {
                header = s;
            } else if (v instanceof MessageAnnotations) {
                annotations = s;
            } else if (v instanceof Properties) {
                properties = s;
            } else if (v instanceof ApplicationProperties) {
                appProperties = s;
            } else if (v instanceof Data || v instanceof AmqpValue || v instanceof AmqpSequence) {
                if (bodySections++ == 0) {
                    bodyStart = s.start();
                    firstBody = v;
                }
                bodyEnd = s.end();
            } else if (!(v instanceof DeliveryAnnotations) && !(v instanceof Footer)) {
                throw new AmqpErrorException(AmqpError.DECODE_ERROR, "unexpected message section " + v.getClass().getSimpleName());
            }
        }
        ByteBuf props = Unpooled.buffer(raw.length < 256 ? raw.length + 1 : 256);
        int kind = kind(firstBody, bodySections);
        props.writeByte(kind);
        copy(props, raw, header);
        copy(props, raw, annotations);
        copy(props, raw, properties);
        copy(props, raw, appProperties);
        byte[] body = body(kind, firstBody, raw, bodyStart, bodyEnd);
        Properties p = properties == null ? null : (Properties) properties.value();
        return new IncomingMessage(Codec.toArray(props), body, p == null ? null : p.getTo(), p == null ? null : p.getSubject(), p);
    }

    private static int kind(Object firstBody, int bodySections) {
        if (bodySections == 0 || (bodySections == 1 && firstBody instanceof Data)) {
            return Sections.DATA;
        }
        if (bodySections == 1 && firstBody instanceof AmqpValue v) {
            if (v.getValue() instanceof String) {
                return Sections.STRING;
            }
            if (v.getValue() instanceof Binary) {
                return Sections.BINARY;
            }
        }
        return Sections.ENCODED;
    }

    private static byte[] body(int kind, Object firstBody, byte[] raw, int start, int end) {
        switch (kind) {
            case Sections.DATA:
                return firstBody == null ? new byte[0] : bytes(((Data) firstBody).getValue());
            case Sections.STRING:
                return ((String) ((AmqpValue) firstBody).getValue()).getBytes(StandardCharsets.UTF_8);
            case Sections.BINARY:
                return bytes((Binary) ((AmqpValue) firstBody).getValue());
            default:
                return java.util.Arrays.copyOfRange(raw, start, end);
        }
    }

    private static byte[] bytes(Binary b) {
        if (b == null) {
            return new byte[0];
        }
        return java.util.Arrays.copyOfRange(b.getArray(), b.getArrayOffset(), b.getArrayOffset() + b.getLength());
    }

    private static void copy(ByteBuf out, byte[] raw, Codec.Section s) {
        if (s != null) {
            out.writeBytes(raw, s.start(), s.end() - s.start());
        }
    }

    /** The header section, or null. */
    public Header header() {
        Sections s = Sections.parse(encodedProperties);
        return s.header();
    }
}
