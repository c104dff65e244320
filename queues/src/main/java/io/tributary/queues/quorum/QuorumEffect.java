package io.tributary.queues.quorum;

/** What applying a command makes members do; each member acts on the effects that concern it (its own consumers). */
public sealed interface QuorumEffect {
    /** Hand message {@code id} to {@code consumer} on {@code node}; {@code deliveryCount} attempts before this one. */
    record Deliver(String consumer, int node, long id, Object payload, int deliveryCount) implements QuorumEffect {
        /** Whether it was delivered before (AMQP's redelivered flag). */
        public boolean redelivered() {
            return deliveryCount > 0;
        }
    }

    /**
     * Message {@code id} is to be dead-lettered (the queue's dead-letter exchange, if any). It stays
     * in the machine's pending dead letters until a {@link QuorumCommand.DeadLettered} says it
     * arrived, so a leader that dies meanwhile leaves it to the next one: at least once.
     */
    record DeadLetter(long id, Object payload, String reason, int deliveryCount) implements QuorumEffect {
    }

    /** A {@link QuorumCommand.Dequeue} took message {@code id} ({@code id} -1: the queue had none waiting). */
    record Dequeued(String consumer, int node, long id, Object payload, int deliveryCount, long remaining) implements QuorumEffect {
    }

    /** An {@link QuorumCommand.Enqueue} was refused: the queue is full and rejects publishes ({@code x-overflow=reject-publish}). */
    record Refused() implements QuorumEffect {
    }

    /** A purge dropped {@code count} messages. */
    record Purged(long count) implements QuorumEffect {
    }
}
