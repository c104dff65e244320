package io.tributary.kafka.group.consumer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A member of a consumer-protocol group: its subscription, its epoch, the partitions it owns now
 * and those it was asked to revoke. Shard-thread only.
 */
final class ConsumerMember {
    /** The epoch of a member that left (KIP-848 leave heartbeat). */
    static final int LEAVE_EPOCH = -1;
    /** The epoch of a static member that left for now and may come back with its instance id. */
    static final int STATIC_LEAVE_EPOCH = -2;

    private final String memberId;
    private final String instanceId;
    private String rackId;
    private String clientId;
    private String clientHost;
    private int rebalanceTimeoutMs;
    private List<String> subscribedTopicNames = List.of();
    private String subscribedTopicRegex;
    private String serverAssignor;
    private int memberEpoch;
    private int previousMemberEpoch;
    private MemberState state = MemberState.STABLE;
    private Map<UUID, Set<Integer>> assigned = new TreeMap<>();
    private Map<UUID, Set<Integer>> pendingRevocation = new TreeMap<>();
    /** The member epoch at which each held partition (assigned or pending revocation) was given to it (KIP-1251). */
    private Map<UUID, Map<Integer, Integer>> assignmentEpochs = new java.util.HashMap<>();

    ConsumerMember(String memberId, String instanceId) {
        this.memberId = memberId;
        this.instanceId = instanceId;
    }

    /** A member that takes over a static member's place (same instance id, new member id). */
    ConsumerMember takeOver(String newMemberId) {
        ConsumerMember m = new ConsumerMember(newMemberId, instanceId);
        m.rackId = rackId;
        m.rebalanceTimeoutMs = rebalanceTimeoutMs;
        m.subscribedTopicNames = subscribedTopicNames;
        m.subscribedTopicRegex = subscribedTopicRegex;
        m.serverAssignor = serverAssignor;
        m.memberEpoch = previousMemberEpoch > 0 && memberEpoch < 0 ? previousMemberEpoch : memberEpoch;
        m.previousMemberEpoch = previousMemberEpoch;
        m.state = state;
        m.assigned = Assignments.copy(assigned);
        m.pendingRevocation = Assignments.copy(pendingRevocation);
        assignmentEpochs.forEach((t, byPartition) -> m.assignmentEpochs.put(t, new java.util.HashMap<>(byPartition)));
        return m;
    }

    /**
     * Takes what a heartbeat says about the member (null fields: unchanged).
     *
     * @return true when its subscription changed (the group must be assigned again)
     */
    boolean update(ConsumerHeartbeatParams p) {
        if (p.rackId() != null) {
            rackId = p.rackId();
        }
        if (p.rebalanceTimeoutMs() != -1) {
            rebalanceTimeoutMs = p.rebalanceTimeoutMs();
        }
        if (p.clientId() != null) {
            clientId = p.clientId();
        }
        if (p.clientHost() != null) {
            clientHost = p.clientHost();
        }
        if (p.serverAssignor() != null) {
            serverAssignor = p.serverAssignor();
        }
        boolean changed = false;
        if (p.subscribedTopicNames() != null && !p.subscribedTopicNames().equals(subscribedTopicNames)) {
            subscribedTopicNames = List.copyOf(p.subscribedTopicNames());
            changed = true;
        }
        if (p.subscribedTopicRegex() != null) {
            String regex = p.subscribedTopicRegex().isEmpty() ? null : p.subscribedTopicRegex();
            if (!Objects.equals(regex, subscribedTopicRegex)) {
                subscribedTopicRegex = regex;
                changed = true;
            }
        }
        return changed;
    }

    /** The member joins again from scratch (epoch 0): it owns nothing now. */
    void resetForRejoin() {
        previousMemberEpoch = memberEpoch > 0 ? memberEpoch : previousMemberEpoch;
        memberEpoch = 0;
        state = MemberState.STABLE;
        assigned = new TreeMap<>();
        pendingRevocation = new TreeMap<>();
        assignmentEpochs = new java.util.HashMap<>();
    }

    String memberId() {
        return memberId;
    }

    String instanceId() {
        return instanceId;
    }

    String rackId() {
        return rackId;
    }

    String clientId() {
        return clientId == null ? "" : clientId;
    }

    String clientHost() {
        return clientHost == null ? "" : clientHost;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    List<String> subscribedTopicNames() {
        return subscribedTopicNames;
    }

    String subscribedTopicRegex() {
        return subscribedTopicRegex;
    }

    String serverAssignor() {
        return serverAssignor;
    }

    int memberEpoch() {
        return memberEpoch;
    }

    int previousMemberEpoch() {
        return previousMemberEpoch;
    }

    void setEpoch(int epoch) {
        if (epoch != memberEpoch) {
            previousMemberEpoch = memberEpoch;
            memberEpoch = epoch;
        }
    }

    /** A static member leaving for now: its epoch says so, its partitions stay reserved. */
    void leaveStatic() {
        if (memberEpoch >= 0) {
            previousMemberEpoch = memberEpoch;
        }
        memberEpoch = STATIC_LEAVE_EPOCH;
    }

    boolean hasLeftStatic() {
        return memberEpoch == STATIC_LEAVE_EPOCH;
    }

    MemberState state() {
        return state;
    }

    void setState(MemberState s) {
        this.state = s;
    }

    Map<UUID, Set<Integer>> assigned() {
        return assigned;
    }

    void setAssigned(Map<UUID, Set<Integer>> a) {
        this.assigned = Assignments.copy(a);
    }

    /** The epoch at which the member was given a partition it holds, or null when it does not hold it. */
    Integer assignmentEpoch(UUID topic, int partition) {
        Map<Integer, Integer> byPartition = assignmentEpochs.get(topic);
        return byPartition == null ? null : byPartition.get(partition);
    }

    /** Records that the member was given {@code partitions} at {@code epoch} (partitions it already held keep their epoch). */
    void noteAssigned(Map<UUID, Set<Integer>> partitions, int epoch) {
        partitions.forEach((t, ps) -> ps.forEach(p -> assignmentEpochs.computeIfAbsent(t, k -> new java.util.HashMap<>()).putIfAbsent(p, epoch)));
    }

    /** Forgets the epochs of partitions the member no longer holds. */
    void noteReleased(Map<UUID, Set<Integer>> partitions) {
        partitions.forEach((t, ps) -> {
            Map<Integer, Integer> byPartition = assignmentEpochs.get(t);
            if (byPartition != null) {
                ps.forEach(byPartition::remove);
                if (byPartition.isEmpty()) {
                    assignmentEpochs.remove(t);
                }
            }
        });
    }

    Map<UUID, Set<Integer>> pendingRevocation() {
        return pendingRevocation;
    }

    void setPendingRevocation(Map<UUID, Set<Integer>> a) {
        this.pendingRevocation = Assignments.copy(a);
    }
}
