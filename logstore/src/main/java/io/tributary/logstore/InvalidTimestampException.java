package io.tributary.logstore;

/** A CreateTime timestamp outside {@code message.timestamp.before.max.ms}/{@code after.max.ms} of the broker's clock. Kafka: {@code INVALID_TIMESTAMP}. */
public class InvalidTimestampException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidTimestampException(String message) {
        super(message);
    }

    public InvalidTimestampException(String message, Throwable cause) {
        super(message, cause);
    }
}
