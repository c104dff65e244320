package io.tributary.kafka.group;

import io.tributary.logstore.TopicPartition;
import java.util.Collection;
import java.util.Set;

/**
 * What every group offers the parts of the coordinator that do not care about its protocol:
 * offsets, listing, deletion and retention. Confined to its shard's thread.
 */
public interface Group {
    String groupId();

    GroupType type();

    /** The state as DescribeGroups and ListGroups name it ({@code Stable}, {@code Empty}, …). */
    String stateName();

    /** The protocol type ListGroups reports ({@code consumer}, or empty for a group used only for offsets). */
    String protocolType();

    /** True when the group has no members. */
    boolean isEmpty();

    /** True once the group was deleted (or is being deleted): no operation may use it any more. */
    boolean isDead();

    /** Marks the group deleted: its members' waiting requests are answered and it accepts nothing more. */
    void markDead();

    /** Wall-clock time the group last changed state (when it became empty, for offset retention). */
    long stateTimestampMs();

    /**
     * Checks that an OffsetCommit may commit for this group.
     *
     * @param generationOrEpoch the classic generation, or the consumer-protocol member epoch; -1 for
     *     a commit from outside the group (admin, a consumer using manual assignment)
     * @param partitions the partitions committed (a consumer-protocol member with a lagging epoch
     *     may commit only partitions it still holds, KIP-1251)
     * @throws GroupException with the error the client gets, for the whole commit
     */
    void validateOffsetCommit(String memberId, String groupInstanceId, int generationOrEpoch, short apiVersion,
            Collection<TopicPartition> partitions);

    /**
     * Checks that an OffsetFetch (v9+ carries the member) may read this group's offsets.
     *
     * @throws GroupException with the error the client gets
     */
    void validateOffsetFetch(String memberId, int memberEpoch);

    /** True when a member of the group consumes {@code topic} (OffsetDelete refuses those partitions). */
    boolean isSubscribedTo(String topic);

    /** The topics the group's members subscribe to, or null when they are not known. */
    Set<String> subscribedTopics();
}
