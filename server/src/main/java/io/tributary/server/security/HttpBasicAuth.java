package io.tributary.server.security;

import io.tributary.config.security.LoginRefusedException;
import io.tributary.config.security.UserDirectory;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * HTTP Basic authentication against the user store, for the management API: the
 * {@code Authorization: Basic base64(user:password)} header checked like any other login (loopback
 * users, the failed-login throttle), then the user's tags against those a route needs (RabbitMQ:
 * {@code management} for the API, {@code administrator} for users and permissions). A route answers
 * 401 with {@code WWW-Authenticate: Basic realm="Tributary"} on {@link LoginRefusedException}.
 */
public final class HttpBasicAuth {
    public static final String CHALLENGE = "Basic realm=\"Tributary\"";

    private final UserDirectory users;

    public HttpBasicAuth(UserDirectory users) {
        this.users = users;
    }

    /**
     * @param anyOfTags the user needs one of these tags (empty: none needed)
     * @return the user name
     * @throws LoginRefusedException for a missing or malformed header, bad credentials, or no fitting tag
     */
    public String authenticate(String authorization, SocketAddress remote, Set<String> anyOfTags) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new LoginRefusedException("no Basic credentials");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LoginRefusedException("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new LoginRefusedException("malformed Basic credentials");
        }
        String user = users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), remote);
        if (!anyOfTags.isEmpty() && users.tags(user).stream().noneMatch(anyOfTags::contains)) {
            throw new LoginRefusedException("user '" + user + "' has none of the tags " + anyOfTags);
        }
        return user;
    }
}
