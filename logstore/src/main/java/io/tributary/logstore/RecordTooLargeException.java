package io.tributary.logstore;

/** A batch larger than the topic's {@code max.message.bytes}. Kafka: {@code MESSAGE_TOO_LARGE}. */
public class RecordTooLargeException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
