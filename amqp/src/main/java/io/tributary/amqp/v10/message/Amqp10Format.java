package io.tributary.amqp.v10.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.exchanges.message.MessageFormat;
import io.tributary.exchanges.message.MessageProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;

/**
 * AMQP 1.0 messages in the routing core: the sections as received ({@link Sections} shows the layout),
 * decoded into the protocol-neutral {@link MessageProperties} only when the core or a 0-9-1 consumer
 * asks. The README's AMQP 1.0 property table documents the mapping.
 */
public final class Amqp10Format implements MessageFormat {
    public static final Amqp10Format FORMAT = new Amqp10Format();

    /** Message annotations that carry 0-9-1 properties with no 1.0 field (as RabbitMQ's mc_amqpl). */
    public static final String X_BASIC_TYPE = "x-basic-type";
    public static final String X_BASIC_APP_ID = "x-basic-app-id";
    public static final String X_BASIC_CLUSTER_ID = "x-basic-cluster-id";
    public static final String X_EXCHANGE = "x-exchange";
    public static final String X_ROUTING_KEY = "x-routing-key";
    /** Annotations the broker owns; they are not 0-9-1 headers. */
    static final Set<String> RESERVED = Set.of(X_BASIC_TYPE, X_BASIC_APP_ID, X_BASIC_CLUSTER_ID, X_EXCHANGE, X_ROUTING_KEY);

    private Amqp10Format() {
    }

    @Override
    public String name() {
        return "amqp-1.0";
    }

    @Override
    public MessageProperties decode(byte[] encoded) {
        Sections s = Sections.parse(encoded);
        Header h = s.header();
        Properties p = s.properties();
        Map<String, Object> ma = annotations(s.annotations());
        Map<String, Object> headers = new LinkedHashMap<>();
        if (s.applicationProperties() != null && s.applicationProperties().getValue() != null) {
            s.applicationProperties().getValue().forEach((k, v) -> headers.put(k, Values.toCore(v)));
        }
        ma.forEach((k, v) -> {
            if (k.startsWith("x-") && !RESERVED.contains(k)) {
                headers.put(k, v);
            }
        });
        return new MessageProperties(
                p == null || p.getContentType() == null ? null : p.getContentType().toString(),
                p == null || p.getContentEncoding() == null ? null : p.getContentEncoding().toString(),
                headers.isEmpty() ? null : headers,
                h == null ? null : Boolean.TRUE.equals(h.getDurable()) ? 2 : 1,
                h == null || h.getPriority() == null ? null : h.getPriority().intValue(),
                p == null ? null : Values.idToString(p.getCorrelationId()),
                p == null ? null : Values.replyToCore(p.getReplyTo()),
                h == null || h.getTtl() == null ? null : String.valueOf(h.getTtl().longValue()),
                p == null ? null : Values.idToString(p.getMessageId()),
                p == null || p.getCreationTime() == null ? null : p.getCreationTime().getTime() / 1000,
                str(ma.get(X_BASIC_TYPE)),
                p == null || p.getUserId() == null ? null : Values.idToString(p.getUserId()),
                str(ma.get(X_BASIC_APP_ID)),
                str(ma.get(X_BASIC_CLUSTER_ID)));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static Map<String, Object> annotations(MessageAnnotations ma) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (ma != null && ma.getValue() != null) {
            ma.getValue().forEach((k, v) -> out.put(k.toString(), Values.toCore(v)));
        }
        return out;
    }

    /** Encodes neutral properties as 1.0 sections with a data body. */
    @Override
    public byte[] encode(MessageProperties properties) {
        return encode(properties, Sections.DATA, null);
    }

    /** Keeps the body kind and the 1.0-only fields (to, subject, groups, absolute expiry) of {@code previous}. */
    @Override
    public byte[] encode(MessageProperties properties, byte[] previous) {
        Sections s = previous == null || previous.length == 0 ? null : Sections.parse(previous);
        return encode(properties, s == null ? Sections.DATA : s.kind(), s == null ? null : s.properties());
    }

    private static byte[] encode(MessageProperties properties, int kind, Properties previous) {
        ByteBuf out = Unpooled.buffer(128);
        out.writeByte(kind);
        Codec codec = Codec.get();
        Header h = headerOf(properties);
        if (h != null) {
            codec.write(out, h);
        }
        MessageAnnotations ma = annotationsOf(properties, null);
        if (ma != null) {
            codec.write(out, ma);
        }
        Properties p = propertiesOf(properties);
        if (previous != null) {
            p.setTo(previous.getTo());
            p.setSubject(previous.getSubject());
            p.setGroupId(previous.getGroupId());
            p.setGroupSequence(previous.getGroupSequence());
            p.setReplyToGroupId(previous.getReplyToGroupId());
            p.setAbsoluteExpiryTime(previous.getAbsoluteExpiryTime());
        }
        codec.write(out, p);
        ApplicationProperties ap = applicationPropertiesOf(properties);
        if (ap != null) {
            codec.write(out, ap);
        }
        return Codec.toArray(out);
    }

    static Header headerOf(MessageProperties p) {
        if (p.deliveryMode() == null && p.priority() == null && p.expiration() == null) {
            return null;
        }
        Header h = new Header();
        h.setDurable(p.persistent());
        if (p.priority() != null) {
            h.setPriority(UnsignedByte.valueOf(p.priority().byteValue()));
        }
        if (p.expiration() != null) {
            try {
                h.setTtl(UnsignedInteger.valueOf(Long.parseLong(p.expiration())));
            } catch (NumberFormatException e) {
                // 0-9-1 brokers refuse such an expiration on publish; nothing to carry over
            }
        }
        return h;
    }

    /** The 0-9-1 properties with no 1.0 field, and the {@code x-} headers, as message annotations. */
    static MessageAnnotations annotationsOf(MessageProperties p, Map<Symbol, Object> extra) {
        Map<Symbol, Object> ma = new LinkedHashMap<>();
        if (extra != null) {
            ma.putAll(extra);
        }
        if (p.headers() != null) {
            p.headers().forEach((k, v) -> {
                if (k.startsWith("x-")) {
                    ma.put(Symbol.valueOf(k), Values.toAmqp(v));
                }
            });
        }
        putIf(ma, X_BASIC_TYPE, p.type());
        putIf(ma, X_BASIC_APP_ID, p.appId());
        putIf(ma, X_BASIC_CLUSTER_ID, p.clusterId());
        return ma.isEmpty() ? null : new MessageAnnotations(ma);
    }

    private static void putIf(Map<Symbol, Object> ma, String key, String value) {
        if (value != null) {
            ma.put(Symbol.valueOf(key), value);
        }
    }

    static Properties propertiesOf(MessageProperties p) {
        Properties props = new Properties();
        props.setMessageId(p.messageId());
        props.setCorrelationId(p.correlationId());
        props.setReplyTo(Values.replyToAmqp(p.replyTo()));
        if (p.contentType() != null) {
            props.setContentType(Symbol.valueOf(p.contentType()));
        }
        if (p.contentEncoding() != null) {
            props.setContentEncoding(Symbol.valueOf(p.contentEncoding()));
        }
        if (p.timestamp() != null) {
            props.setCreationTime(new java.util.Date(p.timestamp() * 1000));
        }
        if (p.userId() != null) {
            props.setUserId(new Binary(p.userId().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return props;
    }

    static ApplicationProperties applicationPropertiesOf(MessageProperties p) {
        if (p.headers() == null) {
            return null;
        }
        Map<String, Object> ap = new LinkedHashMap<>();
        p.headers().forEach((k, v) -> {
            if (!k.startsWith("x-")) {
                ap.put(k, Values.toAmqp(v));
            }
        });
        return ap.isEmpty() ? null : new ApplicationProperties(ap);
    }
}
