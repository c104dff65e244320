package io.tributary.exchanges.error;

/** A request conflicts with the current state: inequivalent redeclare, queue in use or not empty, invalid argument. */
public final class PreconditionFailedException extends RoutingCoreException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String message) {
        super(message);
    }
}
