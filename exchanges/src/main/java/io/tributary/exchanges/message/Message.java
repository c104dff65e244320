package io.tributary.exchanges.message;

import java.nio.ByteBuffer;

/**
 * A message as the routing core and the destinations see it, whatever protocol it came from: the
 * original encoding of its properties plus a format tag, the body, and broker annotations (the
 * exchange and routing key it was published with, when it arrived).
 *
 * <p>Properties are decoded on first use and cached; a message routed by key alone is never
 * decoded. Immutable apart from that cache, so it can be shared by every queue it is routed to.
 */
public final class Message {
    private static final byte[] NO_BYTES = new byte[0];

    private final MessageFormat format;
    private final byte[] encodedProperties;
    private final byte[] body;
    private final String exchange;
    private final String routingKey;
    private final long receivedAtMillis;
    private volatile MessageProperties properties;

    public Message(MessageFormat format, byte[] encodedProperties, byte[] body, String exchange, String routingKey,
                   long receivedAtMillis) {
        this.format = format;
        this.encodedProperties = encodedProperties == null ? NO_BYTES : encodedProperties;
        this.body = body == null ? NO_BYTES : body;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.receivedAtMillis = receivedAtMillis;
    }

    public MessageFormat format() {
        return format;
    }

    /** The properties exactly as they arrived; do not modify. */
    public byte[] encodedProperties() {
        return encodedProperties;
    }

    /** The body; do not modify (it is shared by every destination). */
    public byte[] bodyArray() {
        return body;
    }

    /** A read-only view of the body. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    public int bodySize() {
        return body.length;
    }

    public String exchange() {
        return exchange;
    }

    public String routingKey() {
        return routingKey;
    }

    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    /** The decoded properties (decoded once, on first call). */
    public MessageProperties properties() {
        MessageProperties p = properties;
        if (p == null) {
            p = encodedProperties.length == 0 ? MessageProperties.EMPTY : format.decode(encodedProperties);
            properties = p;
        }
        return p;
    }

    /** A copy with replaced properties, re-encoded in this message's format. */
    public Message withProperties(MessageProperties newProperties) {
        Message m = new Message(format, format.encode(newProperties, encodedProperties), body, exchange, routingKey,
                receivedAtMillis);
        m.properties = newProperties;
        return m;
    }

    /**
     * A copy published anew by the broker (dead-lettering, a delayed message coming due): other
     * properties, exchange and routing key; same body and arrival time.
     */
    public Message republished(MessageProperties newProperties, String newExchange, String newRoutingKey) {
        Message m = new Message(format, format.encode(newProperties, encodedProperties), body, newExchange, newRoutingKey, receivedAtMillis);
        m.properties = newProperties;
        return m;
    }

    @Override
    public String toString() {
        return "Message[" + format.name() + ", exchange=" + exchange + ", key=" + routingKey + ", " + body.length + " B]";
    }
}
