package io.tributary.exchanges.error;

/**
 * Base of the typed failures the routing core and the destinations throw. They carry no protocol
 * code: each protocol maps them with its own mapper (0-9-1: {@code ReplyCodeMapper}).
 */
public abstract class RoutingCoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected RoutingCoreException(String message) {
        super(message, null, false, false);
    }
}
