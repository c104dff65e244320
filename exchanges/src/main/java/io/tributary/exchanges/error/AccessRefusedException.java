package io.tributary.exchanges.error;

/** The operation is not permitted on this entity (reserved name, default exchange, internal exchange, exclusive use). */
public final class AccessRefusedException extends RoutingCoreException {
    private static final long serialVersionUID = 1L;

    public AccessRefusedException(String message) {
        super(message);
    }
}
