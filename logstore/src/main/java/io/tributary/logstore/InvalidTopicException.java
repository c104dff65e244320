package io.tributary.logstore;

/** A topic name Kafka would refuse: empty, {@code .} or {@code ..}, longer than 249 characters, characters other than ASCII letters, digits, {@code .}, {@code _} and {@code -}, or colliding with an existing name once {@code .} and {@code _} are treated alike. Kafka: {@code INVALID_TOPIC_EXCEPTION}. */
public class InvalidTopicException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }
}
