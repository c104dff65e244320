package io.tributary.server.amqp;

import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.amqp.auth.Authenticator;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The built-in user {@code guest}/{@code guest}, accepted only from a loopback address, as
 * RabbitMQ's default {@code loopback_users}. Everyone else is refused until the user store exists.
 * AMQP 1.0 SASL ANONYMOUS acts as guest, so it too is allowed from loopback only (RabbitMQ 4's
 * {@code anonymous_login_user = guest}).
 */
public final class GuestAuthenticator implements Authenticator {
    public static final String GUEST = "guest";

    @Override
    public String authenticate(String username, String password, SocketAddress remote) {
        if (!GUEST.equals(username) || !GUEST.equals(password)) {
            throw new AuthenticationException("user '" + username + "': invalid credentials");
        }
        if (!(remote instanceof InetSocketAddress a) || a.getAddress() == null || !a.getAddress().isLoopbackAddress()) {
            throw new AuthenticationException("user 'guest' can only connect via localhost");
        }
        return GUEST;
    }

    @Override
    public String authenticateAnonymous(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress a) || a.getAddress() == null || !a.getAddress().isLoopbackAddress()) {
            throw new AuthenticationException("anonymous login (as 'guest') is allowed via localhost only");
        }
        return GUEST;
    }
}
