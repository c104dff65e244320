/**
 * The group coordinator in plain Java: consumer groups (the classic protocol and KIP-848's consumer
 * protocol) and their committed offsets, kept durable in {@code __consumer_offsets}
 * ({@link io.tributary.kafka.group.OffsetsTopicFormat}). No kafka-clients types: the handler layer
 * ({@code io.tributary.kafka.handler.group}) translates requests and writes record batches.
 * Design: {@code docs/adr/002-group-coordinator.md}.
 *
 * <p>Threading: {@link io.tributary.kafka.group.GroupCoordinator} is thread-safe and never blocks;
 * each partition of {@code __consumer_offsets} is a {@link io.tributary.kafka.group.GroupShard}
 * whose state is confined to one {@link io.tributary.kafka.group.ShardScheduler} thread, where its
 * requests, timers and log-write completions all run.
 */
package io.tributary.kafka.group;
