package io.tributary.logstore;

/** An idempotent producer's batch whose sequence does not follow the last one written. Kafka: {@code OUT_OF_ORDER_SEQUENCE_NUMBER}. */
public class OutOfOrderSequenceException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }

    public OutOfOrderSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
