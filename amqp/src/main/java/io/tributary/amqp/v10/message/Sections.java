package io.tributary.amqp.v10.message;

import java.util.List;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;

/**
 * The non-body sections of an AMQP 1.0 message as the {@link Amqp10Format} stores them, decoded, with
 * the byte ranges of properties and application-properties (copied unchanged on delivery). Any may be null.
 *
 * <pre>
 * encoded properties = kind (u8) · [header] · [message-annotations] · [properties] · [application-properties]
 * kind: 0 one data section (body = its bytes)      1 amqp-value string (body = its UTF-8 bytes)
 *       2 amqp-value binary (body = its bytes)     3 anything else (body = the body sections as received)
 * </pre>
 */
public record Sections(int kind, Header header, MessageAnnotations annotations, Properties properties,
                       ApplicationProperties applicationProperties, int propertiesStart, int propertiesEnd) {
    public static final int DATA = 0;
    public static final int STRING = 1;
    public static final int BINARY = 2;
    public static final int ENCODED = 3;

    /** Reads what {@link Amqp10Format} stored. */
    public static Sections parse(byte[] encoded) {
        if (encoded.length == 0) {
            return new Sections(DATA, null, null, null, null, 0, 0);
        }
        Header h = null;
        MessageAnnotations ma = null;
        Properties p = null;
        ApplicationProperties ap = null;
        int start = encoded.length;
        int end = encoded.length;
        List<Codec.Section> sections = Codec.get().sections(encoded, 1, encoded.length - 1);
        for (Codec.Section s : sections) {
            Object v = s.value();
            if (v instanceof Header x) {
                h = x;
            } else if (v instanceof MessageAnnotations x) {
                ma = x;
            } else if (v instanceof Properties x) {
                p = x;
                start = Math.min(start, s.start());
            } else if (v instanceof ApplicationProperties x) {
                ap = x;
                start = Math.min(start, s.start());
            }
        }
        return new Sections(encoded[0], h, ma, p, ap, start, end);
    }
}
