package io.tributary.logstore;

/** A topic of that name exists already. Kafka: {@code TOPIC_ALREADY_EXISTS}. */
public class TopicExistsException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(String message) {
        super(message);
    }
}
