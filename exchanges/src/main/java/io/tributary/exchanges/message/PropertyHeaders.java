package io.tributary.exchanges.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The message properties as {@code amqp.*} record headers, and back (see {@link LogEncoding}). */
final class PropertyHeaders {
    private PropertyHeaders() {
    }

    static void add(MessageProperties p, List<LogEncoding.Header> out) {
        put(out, "content-type", p.contentType());
        put(out, "content-encoding", p.contentEncoding());
        put(out, "correlation-id", p.correlationId());
        put(out, "message-id", p.messageId());
        put(out, "reply-to", p.replyTo());
        put(out, "expiration", p.expiration());
        put(out, "type", p.type());
        put(out, "user-id", p.userId());
        put(out, "app-id", p.appId());
        put(out, "priority", p.priority());
        put(out, "delivery-mode", p.deliveryMode());
        put(out, "timestamp", p.timestamp());
    }

    private static void put(List<LogEncoding.Header> out, String name, Object value) {
        if (value != null) {
            out.add(new LogEncoding.Header(LogEncoding.PREFIX + name, value.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    static MessageProperties properties(Map<String, String> p, Map<String, Object> headers) {
        return new MessageProperties(p.get("content-type"), p.get("content-encoding"), headers, integer(p.get("delivery-mode")),
                integer(p.get("priority")), p.get("correlation-id"), p.get("reply-to"), p.get("expiration"), p.get("message-id"),
                longValue(p.get("timestamp")), p.get("type"), p.get("user-id"), p.get("app-id"), null);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        try {
            return s == null ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
