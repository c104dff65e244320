package io.tributary.exchanges.error;

/** The entity is exclusively owned by another connection. */
public final class ResourceLockedException extends RoutingCoreException {
    private static final long serialVersionUID = 1L;

    public ResourceLockedException(String message) {
        super(message);
    }
}
