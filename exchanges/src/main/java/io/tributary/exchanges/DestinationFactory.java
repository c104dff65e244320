package io.tributary.exchanges;

/**
 * Makes the destination a {@code queue.declare} asks for (a queue, or later a log-backed stream for
 * {@code x-queue-type: stream}). Supplied by the server, which knows every kind.
 */
@FunctionalInterface
public interface DestinationFactory {
    /**
     * @throws io.tributary.exchanges.error.PreconditionFailedException when the arguments are invalid
     */
    Destination create(QueueDefinition definition);
}
