package io.tributary.kafka.group.offsets;

import io.tributary.logstore.TopicPartition;
import java.util.List;

/**
 * One group of an OffsetFetch.
 *
 * @param memberId the consumer-protocol member asking (v9+), or null
 * @param memberEpoch its epoch, or -1
 * @param partitions the partitions asked for, or null for every partition the group committed
 * @param requireStable refuse partitions with a transactional commit still pending
 */
public record OffsetFetchParams(String groupId, String memberId, int memberEpoch, List<TopicPartition> partitions, boolean requireStable) {
    public OffsetFetchParams {
        partitions = partitions == null ? null : List.copyOf(partitions);
    }
}
