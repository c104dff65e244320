package io.tributary.logstore;

/** A partition count below 1, or a CreatePartitions that does not increase it. Kafka: {@code INVALID_PARTITIONS}. */
public class InvalidPartitionsException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidPartitionsException(String message) {
        super(message);
    }
}
