package io.tributary.kafka.group.consumer;

import io.tributary.kafka.group.Group;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupType;
import io.tributary.kafka.group.TopicCatalog.TopicInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A consumer-protocol (KIP-848) group: the group epoch (bumped by every change of membership or
 * subscriptions), the target assignment computed by the server-side assignor at the assignment
 * epoch, the members, and which member owns each partition now. A partition has at most one owner:
 * a member is given a partition of its target only once the previous owner reported it revoked.
 * Shard-thread only.
 */
public final class ConsumerGroup implements Group {
    private final String groupId;
    private int groupEpoch;
    private int assignmentEpoch;
    private String assignorName;
    private final LinkedHashMap<String, ConsumerMember> members = new LinkedHashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private Map<String, Map<UUID, Set<Integer>>> targetAssignment = new HashMap<>();
    private final Map<UUID, Map<Integer, String>> owners = new HashMap<>();
    private Map<String, TopicInfo> subscriptionMetadata = new TreeMap<>();
    private final Map<String, Pattern> regexCache = new HashMap<>();
    private long stateTimestampMs;
    private boolean dead;

    public ConsumerGroup(String groupId, int epoch, long nowMs) {
        this.groupId = groupId;
        this.groupEpoch = epoch;
        this.assignmentEpoch = epoch;
        this.stateTimestampMs = nowMs;
    }

    // ---- Group ----

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public GroupType type() {
        return GroupType.CONSUMER;
    }

    /** Kafka's consumer group states: Empty, Assigning, Reconciling, Stable (and Dead). */
    @Override
    public String stateName() {
        if (dead) {
            return "Dead";
        }
        if (members.isEmpty()) {
            return "Empty";
        }
        if (groupEpoch > assignmentEpoch) {
            return "Assigning";
        }
        for (ConsumerMember m : members.values()) {
            if (m.memberEpoch() != assignmentEpoch || m.state() != MemberState.STABLE) {
                return "Reconciling";
            }
        }
        return "Stable";
    }

    @Override
    public String protocolType() {
        return "consumer";
    }

    @Override
    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public boolean isDead() {
        return dead;
    }

    @Override
    public void markDead() {
        dead = true;
    }

    @Override
    public long stateTimestampMs() {
        return stateTimestampMs;
    }

    /**
     * Kafka 4.3's rule (KIP-1251): the member's current epoch commits anything; a newer epoch is
     * refused; a lagging epoch (its heartbeat answer with the new epoch is still on the way) commits
     * a partition only if the member still holds it, assigned or pending revocation, since an epoch
     * no newer than the commit's.
     */
    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int memberEpoch, short apiVersion,
            Collection<io.tributary.logstore.TopicPartition> partitions) {
        if (dead) {
            throw GroupError.COORDINATOR_NOT_AVAILABLE.exception("group " + groupId + " is being deleted");
        }
        if (memberEpoch < 0 && members.isEmpty()) {
            return;
        }
        ConsumerMember m = memberId == null ? null : members.get(memberId);
        if (m == null) {
            throw GroupError.UNKNOWN_MEMBER_ID.exception("member " + memberId + " is not in group " + groupId);
        }
        if (apiVersion < 9) {
            throw GroupError.UNSUPPORTED_VERSION.exception("OffsetCommit version 9 or above must be used by members using the consumer"
                    + " group protocol");
        }
        if (memberEpoch == m.memberEpoch()) {
            return;
        }
        if (memberEpoch > m.memberEpoch()) {
            throw GroupError.STALE_MEMBER_EPOCH.exception("received member epoch " + memberEpoch + " is newer than the current member epoch "
                    + m.memberEpoch());
        }
        for (io.tributary.logstore.TopicPartition tp : partitions) {
            TopicInfo topic = subscriptionMetadata.get(tp.topic());
            Integer since = topic == null ? null : m.assignmentEpoch(topic.id(), tp.partition());
            if (since == null || since > memberEpoch) {
                throw GroupError.STALE_MEMBER_EPOCH.exception("member " + memberId + " does not hold " + tp + " at epoch " + memberEpoch
                        + " (its epoch is " + m.memberEpoch() + ")");
            }
        }
    }

    @Override
    public void validateOffsetFetch(String memberId, int memberEpoch) {
        if (dead) {
            return;
        }
        ConsumerMember m = memberId == null ? null : members.get(memberId);
        if (m == null) {
            throw GroupError.UNKNOWN_MEMBER_ID.exception("member " + memberId + " is not in group " + groupId);
        }
        if (memberEpoch != m.memberEpoch()) {
            throw GroupError.STALE_MEMBER_EPOCH.exception("epoch " + memberEpoch + " is not member " + memberId + "'s " + m.memberEpoch());
        }
    }

    @Override
    public boolean isSubscribedTo(String topic) {
        for (ConsumerMember m : members.values()) {
            if (m.subscribedTopicNames().contains(topic) || (m.subscribedTopicRegex() != null && matches(m.subscribedTopicRegex(), topic))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<String> subscribedTopics() {
        return new HashSet<>(subscriptionMetadata.keySet());
    }

    boolean matches(String regex, String topic) {
        Pattern p = regexCache.computeIfAbsent(regex, Pattern::compile);
        return p.matcher(topic).matches();
    }

    // ---- epochs ----

    public int groupEpoch() {
        return groupEpoch;
    }

    int assignmentEpoch() {
        return assignmentEpoch;
    }

    void bumpGroupEpoch() {
        groupEpoch++;
    }

    String assignorName() {
        return assignorName;
    }

    Map<UUID, Set<Integer>> targetOf(String memberId) {
        Map<UUID, Set<Integer>> t = targetAssignment.get(memberId);
        return t == null ? Map.of() : t;
    }

    Map<String, Map<UUID, Set<Integer>>> targetAssignment() {
        return targetAssignment;
    }

    void setTargetAssignment(Map<String, Map<UUID, Set<Integer>>> target, int epoch, String assignor) {
        this.targetAssignment = target;
        this.assignmentEpoch = epoch;
        this.assignorName = assignor;
    }

    Map<String, TopicInfo> subscriptionMetadata() {
        return subscriptionMetadata;
    }

    /** @return true when the subscribed topics or their partition counts changed */
    boolean setSubscriptionMetadata(Map<String, TopicInfo> metadata) {
        if (metadata.equals(subscriptionMetadata)) {
            return false;
        }
        subscriptionMetadata = new TreeMap<>(metadata);
        return true;
    }

    // ---- members ----

    Collection<ConsumerMember> members() {
        return members.values();
    }

    ConsumerMember member(String memberId) {
        return members.get(memberId);
    }

    int size() {
        return members.size();
    }

    String staticMemberId(String instanceId) {
        return staticMembers.get(instanceId);
    }

    void add(ConsumerMember m, long nowMs) {
        if (members.isEmpty()) {
            stateTimestampMs = nowMs;
        }
        members.put(m.memberId(), m);
        if (m.instanceId() != null) {
            staticMembers.put(m.instanceId(), m.memberId());
        }
        claim(m, m.assigned());
        claim(m, m.pendingRevocation());
    }

    /** Removes a member: its partitions are free, its target assignment is dropped. */
    void remove(ConsumerMember m, long nowMs) {
        members.remove(m.memberId());
        if (m.instanceId() != null) {
            staticMembers.remove(m.instanceId(), m.memberId());
        }
        release(m, m.assigned());
        release(m, m.pendingRevocation());
        targetAssignment.remove(m.memberId());
        if (members.isEmpty()) {
            stateTimestampMs = nowMs;
        }
    }

    /** Moves a static member's place (target and partitions) to the member that replaces it. */
    void replace(ConsumerMember old, ConsumerMember replacement) {
        Map<UUID, Set<Integer>> target = targetAssignment.remove(old.memberId());
        members.remove(old.memberId());
        release(old, old.assigned());
        release(old, old.pendingRevocation());
        if (target != null) {
            targetAssignment.put(replacement.memberId(), target);
        }
        add(replacement, stateTimestampMs);
    }

    /** The member now owning a partition, or null. */
    String owner(UUID topic, int partition) {
        Map<Integer, String> byPartition = owners.get(topic);
        return byPartition == null ? null : byPartition.get(partition);
    }

    void claim(ConsumerMember m, Map<UUID, Set<Integer>> partitions) {
        partitions.forEach((t, ps) -> ps.forEach(p -> owners.computeIfAbsent(t, k -> new HashMap<>()).put(p, m.memberId())));
    }

    void release(ConsumerMember m, Map<UUID, Set<Integer>> partitions) {
        partitions.forEach((t, ps) -> {
            Map<Integer, String> byPartition = owners.get(t);
            if (byPartition != null) {
                ps.forEach(p -> byPartition.remove(p, m.memberId()));
                if (byPartition.isEmpty()) {
                    owners.remove(t);
                }
            }
        });
    }

    /** The most common server assignor the members asked for, or {@code fallback}. */
    String preferredAssignor(String fallback) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ConsumerMember m : members.values()) {
            if (m.serverAssignor() != null) {
                votes.merge(m.serverAssignor(), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
    }

    /** The group as ConsumerGroupDescribe shows it. */
    public ConsumerGroupDescription describe(String defaultAssignor) {
        java.util.List<ConsumerGroupDescription.Member> ms = new java.util.ArrayList<>(members.size());
        for (ConsumerMember m : members.values()) {
            ms.add(new ConsumerGroupDescription.Member(m.memberId(), m.instanceId(), m.rackId(), m.memberEpoch(), m.clientId(), m.clientHost(),
                    m.subscribedTopicNames(), m.subscribedTopicRegex(), Assignments.copy(m.assigned()), Assignments.copy(targetOf(m.memberId()))));
        }
        return new ConsumerGroupDescription(groupId, stateName(), groupEpoch, assignmentEpoch,
                assignorName != null ? assignorName : preferredAssignor(defaultAssignor), ms);
    }
}
