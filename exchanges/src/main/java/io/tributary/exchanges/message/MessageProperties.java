package io.tributary.exchanges.message;

import java.util.Map;

/**
 * The properties every protocol's message has, decoded from the original encoding on first use.
 * Absent properties are {@code null}. {@code headers} is the application's header table (0-9-1
 * {@code headers}, 1.0 application-properties); it is what the headers exchange routes on.
 */
public record MessageProperties(String contentType, String contentEncoding, Map<String, Object> headers,
                                Integer deliveryMode, Integer priority, String correlationId, String replyTo,
                                String expiration, String messageId, Long timestamp, String type, String userId,
                                String appId, String clusterId) {
    public static final MessageProperties EMPTY =
            new MessageProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Delivery mode 2 = persistent. */
    public boolean persistent() {
        return deliveryMode != null && deliveryMode == 2;
    }

    /** The same properties with another header table. */
    public MessageProperties withHeaders(Map<String, Object> newHeaders) {
        return new MessageProperties(contentType, contentEncoding, newHeaders, deliveryMode, priority, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    /** The same properties with another expiration (dead-lettering removes it). */
    public MessageProperties withExpiration(String newExpiration) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId, replyTo,
                newExpiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    /**
     * The per-message TTL in milliseconds from {@code expiration}, or -1 when there is none or it
     * is not a non-negative integer.
     */
    public long expirationMillis() {
        if (expiration == null || expiration.isEmpty() || expiration.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < expiration.length(); i++) {
            char c = expiration.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The same properties with another reply-to (direct reply-to rewrites it). */
    public MessageProperties withReplyTo(String newReplyTo) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId, newReplyTo,
                expiration, messageId, timestamp, type, userId, appId, clusterId);
    }
}
