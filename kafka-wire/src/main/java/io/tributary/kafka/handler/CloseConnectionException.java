package io.tributary.kafka.handler;

/**
 * Thrown by a handler when the request cannot be answered and the client must notice anyway: Kafka
 * brokers close the connection of an acks=0 producer whose append failed, so it refreshes metadata.
 */
public final class CloseConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CloseConnectionException(String reason) {
        super(reason);
    }
}
