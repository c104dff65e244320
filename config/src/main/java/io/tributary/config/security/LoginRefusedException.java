package io.tributary.config.security;

/** A login refused: wrong credentials, an unknown user, a user not allowed from that address, or throttled. The message is for the log. */
public final class LoginRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoginRefusedException(String message) {
        super(message, null, false, false);
    }
}
