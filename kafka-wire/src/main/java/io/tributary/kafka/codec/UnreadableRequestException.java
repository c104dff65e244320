package io.tributary.kafka.codec;

/**
 * A request this broker cannot read or will not serve: an unknown API key, a version outside what
 * it supports, a body that does not parse. Kafka brokers close the connection on these (there is no
 * way to answer a request whose shape is unknown); so does the connection handler, logging why.
 */
public final class UnreadableRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableRequestException(String message) {
        super(message);
    }

    public UnreadableRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
