package io.tributary.server.remote;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.amqp.v091.session.Forwarded;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message between the routing core's form and amqp-client's (properties, body, envelope): what
 * a node forwards to a queue's home node and what it gets back from a proxied consumer. The
 * neutral properties are exactly AMQP 0-9-1's, so nothing is lost either way.
 */
final class AmqpMessages {
    private AmqpMessages() {
    }

    /** The properties to forward a message with: its own, and the envelope it was published with ({@link Forwarded#HEADER}). */
    static AMQP.BasicProperties propertiesOf(Message m) {
        MessageProperties p = m.properties();
        Map<String, Object> headers = p.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.headers());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("exchange", m.exchange() == null ? "" : m.exchange());
        envelope.put("routing-key", m.routingKey() == null ? "" : m.routingKey());
        headers.put(Forwarded.HEADER, envelope);
        return new AMQP.BasicProperties.Builder().contentType(p.contentType()).contentEncoding(p.contentEncoding()).headers(headers)
                .deliveryMode(p.deliveryMode()).priority(p.priority()).correlationId(p.correlationId()).replyTo(p.replyTo())
                .expiration(p.expiration()).messageId(p.messageId()).timestamp(p.timestamp() == null ? null : new Date(p.timestamp() * 1000))
                .type(p.type()).userId(p.userId()).appId(p.appId()).clusterId(p.clusterId()).build();
    }

    /** A delivery (or basic.get answer) from the home node, as the routing core's message, in AMQP 0-9-1's format. */
    static Message messageOf(Envelope envelope, AMQP.BasicProperties p, byte[] body) {
        MessageProperties props = new MessageProperties(p.getContentType(), p.getContentEncoding(), headers(p.getHeaders()),
                p.getDeliveryMode(), p.getPriority(), p.getCorrelationId(), p.getReplyTo(), p.getExpiration(), p.getMessageId(),
                p.getTimestamp() == null ? null : p.getTimestamp().getTime() / 1000, p.getType(), p.getUserId(), p.getAppId(),
                p.getClusterId());
        return new Message(BasicProperties.FORMAT, BasicProperties.FORMAT.encode(props), body, envelope.getExchange(), envelope.getRoutingKey(),
                System.currentTimeMillis());
    }

    /** amqp-client reads long strings as {@link LongString}; the routing core's headers hold Strings. */
    private static Map<String, Object> headers(Map<String, Object> in) {
        if (in == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v instanceof LongString s) {
            return s.toString();
        }
        if (v instanceof Map<?, ?> m) {
            return headers((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(value(e)));
            return out;
        }
        return v;
    }
}
