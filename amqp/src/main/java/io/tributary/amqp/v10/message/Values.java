package io.tributary.amqp.v10.message;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Decimal128;
import org.apache.qpid.proton.amqp.Decimal32;
import org.apache.qpid.proton.amqp.Decimal64;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.UnsignedShort;

/**
 * AMQP 1.0 values ⇄ the plain Java values of the routing core's header tables (those an AMQP 0-9-1
 * field table holds), and the reply-to address forms of both protocols.
 */
public final class Values {
    /** The v2 address prefix of a queue. */
    public static final String QUEUES = "/queues/";

    private Values() {
    }

    /** A 1.0 value as a header value: unsigned types widen, symbols and UUIDs become strings, binary becomes bytes. */
    public static Object toCore(Object v) {
        if (v instanceof Symbol || v instanceof UUID || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof UnsignedByte u) {
            return u.shortValue();
        }
        if (v instanceof UnsignedShort u) {
            return u.intValue();
        }
        if (v instanceof UnsignedInteger u) {
            return u.longValue();
        }
        if (v instanceof UnsignedLong u) {
            return u.longValue();
        }
        if (v instanceof Binary b) {
            return b.getArray().length == b.getLength() && b.getArrayOffset() == 0 ? b.getArray()
                    : java.util.Arrays.copyOfRange(b.getArray(), b.getArrayOffset(), b.getArrayOffset() + b.getLength());
        }
        if (v instanceof Decimal32 || v instanceof Decimal64 || v instanceof Decimal128) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(toCore(x)));
            return out;
        }
        if (v instanceof Object[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (Object x : a) {
                out.add(toCore(x));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            return toCoreMap(m);
        }
        return v;
    }

    public static Map<String, Object> toCoreMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), toCore(x)));
        return out;
    }

    /** A header value as a 1.0 value: bytes become binary; big decimals become decimal128 where they fit, else strings. */
    public static Object toAmqp(Object v) {
        if (v instanceof byte[] b) {
            return new Binary(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Date d) {
            return new Date(d.getTime());
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(toAmqp(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), toAmqp(x)));
            return out;
        }
        return v;
    }

    /** A message or correlation id as the 0-9-1 short string: strings as they are, others in their text form. */
    public static String idToString(Object id) {
        if (id == null) {
            return null;
        }
        if (id instanceof Binary b) {
            return new String(b.getArray(), b.getArrayOffset(), b.getLength(), StandardCharsets.UTF_8);
        }
        return id.toString();
    }

    /** A 1.0 reply-to as a 0-9-1 one: {@code /queues/q} is the queue name {@code q}; other addresses stay. */
    public static String replyToCore(String address) {
        if (address != null && address.startsWith(QUEUES) && address.indexOf('/', QUEUES.length()) < 0) {
            return decode(address.substring(QUEUES.length()));
        }
        return address;
    }

    /** A 0-9-1 reply-to as a 1.0 address: a queue name {@code q} becomes {@code /queues/q}. */
    public static String replyToAmqp(String replyTo) {
        if (replyTo == null || replyTo.startsWith("/")) {
            return replyTo;
        }
        return QUEUES + encode(replyTo);
    }

    /** Percent-encodes one address segment (RFC 3986 unreserved characters stay). */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    public static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
