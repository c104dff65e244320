package io.tributary.logstore;

/** A well-formed batch that breaks a rule: wrong magic, inconsistent offsets or count, a control batch from a client, a keyless record in a compacted topic. Kafka: {@code INVALID_RECORD}. The log is left untouched. */
public class InvalidRecordException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
