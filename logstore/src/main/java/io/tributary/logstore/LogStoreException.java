package io.tributary.logstore;

/**
 * The root of the log store's typed exceptions. Each subclass is one condition that the protocol
 * layers map to their own error codes (the Kafka layer's mapper names the Kafka code in each
 * subclass's Javadoc); the store never sees an error code.
 */
public abstract class LogStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected LogStoreException(String message) {
        super(message);
    }

    protected LogStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
