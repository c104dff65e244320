package io.tributary.exchanges.error;

/** A destination refused a message (for example a full queue that rejects publishes); publishers are nacked. */
public final class RejectedException extends RoutingCoreException {
    private static final long serialVersionUID = 1L;

    public RejectedException(String message) {
        super(message);
    }
}
