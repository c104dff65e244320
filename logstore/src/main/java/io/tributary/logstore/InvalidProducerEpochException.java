package io.tributary.logstore;

/** An idempotent producer's batch with an epoch older than the one the log has seen (a fenced producer). Kafka: {@code INVALID_PRODUCER_EPOCH}. */
public class InvalidProducerEpochException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }

    public InvalidProducerEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
