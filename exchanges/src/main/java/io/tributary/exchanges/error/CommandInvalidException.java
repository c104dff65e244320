package io.tributary.exchanges.error;

/** The request names something the broker does not implement, such as an unknown exchange type. */
public final class CommandInvalidException extends RoutingCoreException {
    private static final long serialVersionUID = 1L;

    public CommandInvalidException(String message) {
        super(message);
    }
}
