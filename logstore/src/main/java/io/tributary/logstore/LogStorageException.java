package io.tributary.logstore;

/** The log cannot do I/O: a write or fsync failed and the log is poisoned (every later append and durability future fails), or a file cannot be read. Kafka: {@code KAFKA_STORAGE_ERROR}. */
public class LogStorageException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public LogStorageException(String message) {
        super(message);
    }

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
