package io.tributary.kafka.group.consumer;

import io.tributary.kafka.group.GroupError;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The answer to a ConsumerGroupHeartbeat.
 *
 * @param assignment the partitions the member should own now, or null when unchanged
 */
public record ConsumerHeartbeatResult(GroupError error, String errorMessage, String memberId, int memberEpoch, int heartbeatIntervalMs,
        Map<UUID, Set<Integer>> assignment) {

    public static ConsumerHeartbeatResult error(GroupError error, String message, String memberId, int memberEpoch) {
        return new ConsumerHeartbeatResult(error, message, memberId, memberEpoch, 0, null);
    }
}
