/**
 * KIP-848's consumer group protocol (ConsumerGroupHeartbeat): group and member epochs, server-side
 * assignors ({@code uniform}, {@code range}) and the reconciliation that never lets two members own
 * a partition at once.
 *
 * <p>Threading: confined to the owning shard's thread; the assignors are pure functions.
 */
package io.tributary.kafka.group.consumer;
