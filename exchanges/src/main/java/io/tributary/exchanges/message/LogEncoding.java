package io.tributary.exchanges.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one convention by which a {@link Message} becomes a record of a partition log and back, so a
 * message published over AMQP is readable by Kafka consumers, a Kafka record by AMQP consumers, and
 * a message that goes AMQP → log → AMQP comes back exactly as it was sent.
 *
 * <pre>
 *  record key        ⇄ routing key (UTF-8; an empty routing key is a null key)
 *  record value      ⇄ body, byte for byte
 *  record timestamp  ⇄ the message's timestamp property when set (seconds → ms), else when it arrived
 *  header name       ⇄ application header (AMQP 0-9-1 headers, 1.0 application-properties): UTF-8 text
 *                      for strings, numbers, booleans; raw bytes for byte arrays
 *  header amqp.NAME  ⇄ property NAME: content-type, content-encoding, correlation-id, message-id,
 *                      reply-to, expiration, type, user-id, app-id, priority, delivery-mode, timestamp
 *  header amqp.exchange          the exchange it was published to
 *  header amqp.format / amqp.properties  the original encoding of the properties, so AMQP consumers
 *                      get them back exactly (types of header values included)
 * </pre>
 *
 * Stateless apart from the formats it may decode with; thread-safe.
 */
public final class LogEncoding {
    /** A record header: Kafka's (name, bytes). */
    public record Header(String name, byte[] value) {
    }

    /** A record as the log stores it. */
    public record Record(byte[] key, byte[] value, List<Header> headers, long timestamp) {
    }

    public static final String PREFIX = "amqp.";
    static final String FORMAT = PREFIX + "format";
    static final String PROPERTIES = PREFIX + "properties";
    static final String EXCHANGE = PREFIX + "exchange";

    private final MessageFormats formats;
    private final MessageFormat fallback;

    /**
     * @param formats the formats whose original encoding can be restored
     * @param fallback the format that carries the properties of a record with no original encoding
     *     (one a Kafka producer wrote)
     */
    public LogEncoding(MessageFormats formats, MessageFormat fallback) {
        this.formats = formats;
        this.fallback = fallback;
    }

    /** The record a message becomes. */
    public Record encode(Message m) {
        MessageProperties p = m.properties();
        List<Header> headers = new ArrayList<>();
        if (p.headers() != null) {
            for (Map.Entry<String, Object> h : p.headers().entrySet()) {
                if (h.getValue() != null) {
                    headers.add(new Header(h.getKey(), HeaderValues.toBytes(h.getValue())));
                }
            }
        }
        PropertyHeaders.add(p, headers);
        if (m.exchange() != null && !m.exchange().isEmpty()) {
            headers.add(text(EXCHANGE, m.exchange()));
        }
        headers.add(text(FORMAT, m.format().name()));
        headers.add(new Header(PROPERTIES, m.encodedProperties()));
        String key = m.routingKey();
        byte[] keyBytes = key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
        long timestamp = p.timestamp() != null ? p.timestamp() * 1000 : m.receivedAtMillis();
        return new Record(keyBytes, m.bodyArray(), headers, timestamp);
    }

    /** The message a record becomes for AMQP consumers. */
    public Message decode(Record r) {
        String routingKey = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        String formatName = null;
        byte[] original = null;
        String exchange = "";
        Map<String, Object> appHeaders = new LinkedHashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            if (h.name().equals(FORMAT)) {
                formatName = utf8(h.value());
            } else if (h.name().equals(PROPERTIES)) {
                original = h.value();
            } else if (h.name().equals(EXCHANGE)) {
                exchange = utf8(h.value());
            } else if (h.name().startsWith(PREFIX)) {
                props.put(h.name().substring(PREFIX.length()), utf8(h.value()));
            } else if (h.value() != null) {
                appHeaders.put(h.name(), utf8(h.value()));
            }
        }
        byte[] body = r.value() == null ? new byte[0] : r.value();
        if (formatName != null && original != null && formats.has(formatName)) {
            return new Message(formats.byName(formatName), original, body, exchange, routingKey, r.timestamp());
        }
        MessageProperties p = PropertyHeaders.properties(props, appHeaders.isEmpty() ? null : appHeaders);
        return new Message(fallback, fallback.encode(p), body, exchange, routingKey, r.timestamp());
    }

    private static Header text(String name, String value) {
        return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static String utf8(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
