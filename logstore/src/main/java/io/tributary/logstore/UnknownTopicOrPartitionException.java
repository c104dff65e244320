package io.tributary.logstore;

/** No such topic, or no such partition of it. Kafka: {@code UNKNOWN_TOPIC_OR_PARTITION}. */
public class UnknownTopicOrPartitionException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }
}
