package io.tributary.kafka.group.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A server-side assignor of consumer-protocol groups (KIP-848): from the members' subscriptions
 * and the topics' partition counts, the partitions each member should own (the target assignment).
 * Assignors are pure functions; they may use the current target to move few partitions.
 */
public interface PartitionAssignor {
    /** What the assignor knows of a member. */
    record MemberSubscription(String memberId, String instanceId, String rackId, Set<UUID> topics) {
    }

    /** The name clients choose it by ({@code group.remote.assignor}). */
    String name();

    /**
     * @param members the members, ordered by member id
     * @param partitionCounts partitions of every subscribed topic
     * @param current the current target assignment by member id (members may have left or joined since)
     * @return every member's target assignment (members with nothing get an empty map)
     */
    Map<String, Map<UUID, Set<Integer>>> assign(List<MemberSubscription> members, Map<UUID, Integer> partitionCounts,
            Map<String, Map<UUID, Set<Integer>>> current);
}
