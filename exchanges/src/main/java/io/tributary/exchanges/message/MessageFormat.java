package io.tributary.exchanges.message;

/**
 * The encoding a message's properties arrived in, and how to read them. Each protocol module
 * supplies one; the routing core only calls {@link #decode} when it needs a property (the headers
 * exchange, direct reply-to, TTL), so a message that is only routed by key is never decoded.
 */
public interface MessageFormat {
    /** A short name, e.g. {@code amqp-0-9-1}. */
    String name();

    /** Decodes the properties from their original encoding. */
    MessageProperties decode(byte[] encodedProperties);

    /** Encodes properties in this format (used when the broker must change one, e.g. reply-to). */
    byte[] encode(MessageProperties properties);

    /**
     * Encodes changed properties of a message whose properties were {@code previous} (in this format),
     * keeping what the neutral properties do not carry (AMQP 1.0: the body's kind, {@code subject},
     * {@code group-id} ...). By default the same as {@link #encode(MessageProperties)}.
     */
    default byte[] encode(MessageProperties properties, byte[] previous) {
        return encode(properties);
    }
}
