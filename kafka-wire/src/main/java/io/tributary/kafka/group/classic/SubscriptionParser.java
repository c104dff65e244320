package io.tributary.kafka.group.classic;

import java.util.Set;

/**
 * Reads the topics out of a classic member's subscription metadata (the consumer protocol's
 * encoding belongs to kafka-clients, so the handler layer supplies this). Used for OffsetDelete
 * and for describing what a group consumes.
 */
@FunctionalInterface
public interface SubscriptionParser {
    /** @return the topics, or null when the bytes are no consumer-protocol subscription */
    Set<String> topics(byte[] subscription);
}
