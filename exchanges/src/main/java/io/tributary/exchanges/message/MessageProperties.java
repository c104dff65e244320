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

    /** The same properties with another reply-to (direct reply-to rewrites it). */
    public MessageProperties withReplyTo(String newReplyTo) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId, newReplyTo,
                expiration, messageId, timestamp, type, userId, appId, clusterId);
    }
}
