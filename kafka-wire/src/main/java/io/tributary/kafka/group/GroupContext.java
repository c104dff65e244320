package io.tributary.kafka.group;

import io.tributary.kafka.group.offsets.OffsetStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a group manager of a shard works with: the groups and offsets of the shard, the clock and
 * timers, and the shard's log. Everything here is confined to the shard's thread.
 */
public interface GroupContext {
    GroupConfig config();

    /** Wall-clock now. */
    long nowMs();

    KeyedTimer timer();

    TopicCatalog topics();

    OffsetStore offsets();

    /** The group with this id, or null (dead groups included until their deletion is durable). */
    Group group(String groupId);

    /** Adds or replaces the group with this id. */
    void putGroup(Group group);

    /** Forgets the group (its records must already say so). */
    void removeGroup(String groupId);

    /**
     * Appends {@code records} to the shard's log.
     *
     * @return completes on the shard's thread once the records are durable, in the order writes were
     *     made; fails with a {@link GroupException} when they cannot be written
     */
    CompletableFuture<Void> write(List<StoredRecord> records);

    /** {@link #write} as a transactional batch of the producer (TxnOffsetCommit). */
    CompletableFuture<Void> writeTransactional(List<StoredRecord> records, long producerId, short producerEpoch);
}
