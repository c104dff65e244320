package io.tributary.kafka.group.offsets;

import io.tributary.kafka.group.GroupError;
import io.tributary.logstore.TopicPartition;
import java.util.List;

/** The offsets of one group for an OffsetFetch: a group-level error, or one entry per partition (-1 = none committed). */
public record OffsetFetchResult(String groupId, GroupError error, List<PartitionOffset> partitions) {
    public OffsetFetchResult {
        partitions = List.copyOf(partitions);
    }

    public static OffsetFetchResult error(String groupId, GroupError error) {
        return new OffsetFetchResult(groupId, error, List.of());
    }

    public record PartitionOffset(TopicPartition partition, long offset, int leaderEpoch, String metadata, GroupError error) {
        static PartitionOffset none(TopicPartition tp, GroupError error) {
            return new PartitionOffset(tp, -1, -1, "", error);
        }
    }
}
