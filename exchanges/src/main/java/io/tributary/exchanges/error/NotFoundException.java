package io.tributary.exchanges.error;

/** A named entity (exchange, queue, binding, vhost) does not exist. */
public final class NotFoundException extends RoutingCoreException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
