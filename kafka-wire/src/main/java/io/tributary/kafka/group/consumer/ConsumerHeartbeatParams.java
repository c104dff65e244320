package io.tributary.kafka.group.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A ConsumerGroupHeartbeat (KIP-848) in the coordinator's terms. Null fields were not sent: they
 * did not change since the member's previous heartbeat.
 *
 * @param memberEpoch 0 to join, -1 to leave, -2 for a static member leaving for now, else the
 *     member's current epoch
 * @param ownedPartitions the partitions the member owns now, by topic id, or null
 */
public record ConsumerHeartbeatParams(String groupId, String memberId, int memberEpoch, String instanceId, String rackId,
        int rebalanceTimeoutMs, List<String> subscribedTopicNames, String subscribedTopicRegex, String serverAssignor,
        Map<UUID, Set<Integer>> ownedPartitions, String clientId, String clientHost, short apiVersion) {

    /** True when the request carries every field (a join, or a heartbeat after an error): the answer then carries the assignment. */
    boolean isFull() {
        return rebalanceTimeoutMs != -1 && (subscribedTopicNames != null || subscribedTopicRegex != null) && ownedPartitions != null;
    }
}
