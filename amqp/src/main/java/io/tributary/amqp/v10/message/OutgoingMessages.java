package io.tributary.amqp.v10.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;

/**
 * Encodes a message of any protocol for an AMQP 1.0 receiver. A 1.0 message keeps its sections as they
 * arrived (properties and application-properties are copied byte for byte); the header gets this
 * delivery's count and first-acquirer flag, and the annotations say which exchange and routing key the
 * message was published to. Other formats go through the neutral {@link MessageProperties}.
 */
public final class OutgoingMessages {
    private OutgoingMessages() {
    }

    /**
     * @param redelivered the message was handed out before (then {@code first-acquirer} is false)
     * @param failedDeliveries deliveries that failed before ({@code modified} with {@code delivery-failed})
     */
    public static byte[] encode(Message m, boolean redelivered, int failedDeliveries) {
        if (m.format() == Amqp10Format.FORMAT) {
            return encodeNative(m, redelivered, failedDeliveries);
        }
        return encodeConverted(m, redelivered, failedDeliveries);
    }

    private static byte[] encodeNative(Message m, boolean redelivered, int failedDeliveries) {
        byte[] stored = m.encodedProperties();
        Sections s = Sections.parse(stored);
        ByteBuf out = Unpooled.buffer(stored.length + m.bodySize() + 64);
        Codec codec = Codec.get();
        Header h = header(s.header(), redelivered, failedDeliveries);
        if (h != null) {
            codec.write(out, h);
        }
        Map<Symbol, Object> ma = new LinkedHashMap<>();
        if (s.annotations() != null && s.annotations().getValue() != null) {
            ma.putAll(s.annotations().getValue());
        }
        routingAnnotations(ma, m);
        codec.write(out, new MessageAnnotations(ma));
        if (s.propertiesStart() < s.propertiesEnd()) {
            out.writeBytes(stored, s.propertiesStart(), s.propertiesEnd() - s.propertiesStart());
        }
        switch (s.kind()) {
            case Sections.STRING:
                codec.write(out, new AmqpValue(new String(m.bodyArray(), StandardCharsets.UTF_8)));
                break;
            case Sections.BINARY:
                codec.write(out, new AmqpValue(new Binary(m.bodyArray())));
                break;
            case Sections.ENCODED:
                out.writeBytes(m.bodyArray());
                break;
            default:
                codec.write(out, new Data(new Binary(m.bodyArray())));
        }
        return Codec.toArray(out);
    }

    private static byte[] encodeConverted(Message m, boolean redelivered, int failedDeliveries) {
        MessageProperties p = m.properties();
        ByteBuf out = Unpooled.buffer(m.bodySize() + 128);
        Codec codec = Codec.get();
        Header h = header(Amqp10Format.headerOf(p), redelivered, failedDeliveries);
        if (h != null) {
            codec.write(out, h);
        }
        Map<Symbol, Object> extra = new LinkedHashMap<>();
        routingAnnotations(extra, m);
        codec.write(out, Amqp10Format.annotationsOf(p, extra));
        codec.write(out, Amqp10Format.propertiesOf(p));
        ApplicationProperties ap = Amqp10Format.applicationPropertiesOf(p);
        if (ap != null) {
            codec.write(out, ap);
        }
        codec.write(out, new Data(new Binary(m.bodyArray())));
        return Codec.toArray(out);
    }

    private static void routingAnnotations(Map<Symbol, Object> ma, Message m) {
        if (m.exchange() != null) {
            ma.put(Symbol.valueOf(Amqp10Format.X_EXCHANGE), m.exchange());
        }
        if (m.routingKey() != null) {
            ma.put(Symbol.valueOf(Amqp10Format.X_ROUTING_KEY), m.routingKey());
        }
    }

    private static Header header(Header original, boolean redelivered, int failedDeliveries) {
        if (original == null && failedDeliveries == 0 && !redelivered) {
            return null;
        }
        Header h = new Header();
        if (original != null) {
            h.setDurable(original.getDurable());
            h.setPriority(original.getPriority());
            h.setTtl(original.getTtl());
        }
        h.setFirstAcquirer(!redelivered);
        if (failedDeliveries > 0) {
            h.setDeliveryCount(UnsignedInteger.valueOf(failedDeliveries));
        }
        return h;
    }
}
