package io.tributary.logstore;

/** The log was closed or deleted (topic deleted, broker stopping) while the operation waited. Kafka: {@code NOT_LEADER_OR_FOLLOWER}. */
public class LogClosedException extends LogStoreException {
    private static final long serialVersionUID = 1L;

    public LogClosedException(String message) {
        super(message);
    }

    public LogClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
