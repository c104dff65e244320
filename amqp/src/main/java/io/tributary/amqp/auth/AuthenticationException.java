package io.tributary.amqp.auth;

/** Credentials refused (AMQP 0-9-1: 403 ACCESS_REFUSED, closing the connection). The message is for the log. */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}
