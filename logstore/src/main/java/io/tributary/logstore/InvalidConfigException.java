package io.tributary.logstore;

/** A topic config name that does not exist, or a value it cannot take. Kafka: {@code INVALID_CONFIG}. */
public class InvalidConfigException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
