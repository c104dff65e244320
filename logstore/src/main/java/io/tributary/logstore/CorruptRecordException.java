package io.tributary.logstore;

/** A batch whose bytes are damaged: bad CRC, impossible sizes, truncated. Kafka: {@code CORRUPT_MESSAGE}. The log is left untouched. */
public class CorruptRecordException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
