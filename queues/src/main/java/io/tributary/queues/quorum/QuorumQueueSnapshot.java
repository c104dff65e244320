package io.tributary.queues.quorum;

import java.util.List;

/**
 * A {@link QuorumQueueMachine}'s whole state at one point of its log: messages (with their delivery
 * counts and holders), the waiting order, consumers with what they hold, and the counters that keep
 * later decisions the same as on a member that applied the whole log. Payloads stay opaque here; a
 * Raft snapshot format encodes them.
 */
public record QuorumQueueSnapshot(long deliveryLimit, boolean singleActiveConsumer, QuorumLimits limits, long nextId, String lastServed,
        List<MessageState> messages, List<Long> returned, List<Long> ready, List<ConsumerState> consumers, List<DeadLetterState> deadLetters) {
    public QuorumQueueSnapshot {
        deadLetters = List.copyOf(deadLetters);
        messages = List.copyOf(messages);
        returned = List.copyOf(returned);
        ready = List.copyOf(ready);
        consumers = List.copyOf(consumers);
    }

    /** One message: {@code size} its body's bytes, {@code expiresAt} its TTL's end, {@code holder} the consumer that has it, null while it waits. */
    public record MessageState(long id, Object payload, long size, long expiresAt, int deliveryCount, String holder) {
    }

    /** One consumer, its unsettled message ids in delivery order. */
    public record ConsumerState(String key, int node, int prefetch, List<Long> unsettled) {
        public ConsumerState {
            unsettled = List.copyOf(unsettled);
        }
    }

    /** A message waiting to be dead-lettered. */
    public record DeadLetterState(long id, Object payload, String reason, int deliveryCount) {
    }
}
