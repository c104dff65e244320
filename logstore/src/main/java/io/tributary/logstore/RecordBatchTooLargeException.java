package io.tributary.logstore;

/** An append larger than a whole segment ({@code segment.bytes}). Kafka: {@code RECORD_LIST_TOO_LARGE}. */
public class RecordBatchTooLargeException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public RecordBatchTooLargeException(String message) {
        super(message);
    }

    public RecordBatchTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
