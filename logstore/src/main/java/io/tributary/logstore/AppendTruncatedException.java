package io.tributary.logstore;

/** Appended data was removed by {@code truncateTo} before it became durable; its future fails with this. Kafka: {@code NOT_LEADER_OR_FOLLOWER}. */
public class AppendTruncatedException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public AppendTruncatedException(String message) {
        super(message);
    }

    public AppendTruncatedException(String message, Throwable cause) {
        super(message, cause);
    }
}
