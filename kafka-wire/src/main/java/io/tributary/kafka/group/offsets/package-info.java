/**
 * Committed offsets: OffsetCommit (answered when durable), OffsetFetch, OffsetDelete, DeleteGroups
 * and retention, over an {@link io.tributary.kafka.group.offsets.OffsetStore} that reflects exactly
 * the durable part of the log, with room for transactional (pending) offsets.
 *
 * <p>Threading: confined to the owning shard's thread.
 */
package io.tributary.kafka.group.offsets;
