package io.tributary.amqp.auth;

import java.net.SocketAddress;

/**
 * Checks a user's credentials; the AMQP layers call it with what the PLAIN or AMQPLAIN mechanism
 * carried. The server supplies the implementation (a user store with hashed passwords comes later).
 * Must not block for long: it runs on an event loop.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @return the authenticated user name
     * @throws AuthenticationException when the credentials are refused
     */
    String authenticate(String username, String password, SocketAddress remote);

    /**
     * SASL ANONYMOUS (AMQP 1.0): the user an anonymous peer acts as, when this peer may log in so.
     *
     * @throws AuthenticationException when anonymous login is not allowed (the default)
     */
    default String authenticateAnonymous(SocketAddress remote) {
        throw new AuthenticationException("anonymous login is not allowed");
    }

    /**
     * SASL EXTERNAL: the user a verified TLS client certificate names (its CN), when that user may log in.
     *
     * @param certificateName the CN, or null when the connection has no client certificate
     * @throws AuthenticationException when refused (the default)
     */
    default String authenticateExternal(String certificateName, SocketAddress remote) {
        throw new AuthenticationException("EXTERNAL login is not allowed");
    }
}
