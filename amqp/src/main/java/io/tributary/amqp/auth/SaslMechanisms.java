package io.tributary.amqp.auth;

import io.netty.buffer.Unpooled;
import io.tributary.amqp.v091.codec.FieldTable;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads the credentials out of the PLAIN and AMQPLAIN responses. */
public final class SaslMechanisms {
    /** What the server offers, in its order of preference. */
    public static final String OFFERED = "PLAIN AMQPLAIN";

    /** A user name and password as a mechanism carried them. */
    public record Credentials(String username, String password) {
    }

    private SaslMechanisms() {
    }

    /** @throws AuthenticationException for an unknown mechanism or a response that does not parse */
    public static Credentials parse(String mechanism, byte[] response) {
        if ("PLAIN".equals(mechanism)) {
            // [authzid] NUL authcid NUL passwd
            String s = new String(response, StandardCharsets.UTF_8);
            int first = s.indexOf('\0');
            int second = first < 0 ? -1 : s.indexOf('\0', first + 1);
            if (second < 0) {
                throw new AuthenticationException("malformed PLAIN response");
            }
            return new Credentials(s.substring(first + 1, second), s.substring(second + 1));
        }
        if ("AMQPLAIN".equals(mechanism)) {
            try {
                Map<String, Object> t = FieldTable.readEntries(Unpooled.wrappedBuffer(response));
                return new Credentials(String.valueOf(t.get("LOGIN")), String.valueOf(t.get("PASSWORD")));
            } catch (RuntimeException e) {
                throw new AuthenticationException("malformed AMQPLAIN response");
            }
        }
        throw new AuthenticationException("unsupported authentication mechanism '" + mechanism + "'");
    }
}
