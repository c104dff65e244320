package io.tributary.server.cluster;

/**
 * A metadata change that was not acknowledged: no majority committed it in time (the group has no
 * leader, or this node cannot reach it), or the store closed first. The change may still be
 * committed later; it was never reported as done.
 */
public final class MetadataUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetadataUnavailableException(String message) {
        super(message);
    }

    public MetadataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
