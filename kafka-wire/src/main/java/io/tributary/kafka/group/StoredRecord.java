package io.tributary.kafka.group;

import io.tributary.kafka.group.offsets.CommittedOffset;
import io.tributary.logstore.TopicPartition;

/**
 * A record of {@code __consumer_offsets}, decoded: what the coordinator writes and replays. A null
 * value is a tombstone (the key was deleted); compaction keeps only the latest record per key.
 * The byte layout is {@link OffsetsTopicFormat}.
 */
public sealed interface StoredRecord permits StoredRecord.Offset, StoredRecord.ClassicGroup, StoredRecord.ConsumerGroup {
    String groupId();

    /** A group's committed offset for a partition; {@code offset} null = deleted. */
    record Offset(String groupId, TopicPartition partition, CommittedOffset offset) implements StoredRecord {
    }

    /** A classic group after a rebalance; {@code snapshot} null = the group was deleted. */
    record ClassicGroup(String groupId, ClassicGroupSnapshot snapshot) implements StoredRecord {
    }

    /** A consumer-protocol group's epoch; {@code epoch} negative = the group was deleted. */
    record ConsumerGroup(String groupId, int epoch) implements StoredRecord {
    }
}
