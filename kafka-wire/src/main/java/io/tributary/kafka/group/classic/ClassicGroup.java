package io.tributary.kafka.group.classic;

import io.tributary.kafka.group.ClassicGroupSnapshot;
import io.tributary.kafka.group.Group;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classic group: its state ({@link ClassicGroupState}), generation, chosen protocol, leader, and
 * members, including members that were given an id but have not joined with it yet (KIP-394) and
 * the static members by group instance id (KIP-345). The rules that move it between states are in
 * {@link ClassicGroupManager}; this class keeps the data consistent. Shard-thread only.
 */
public final class ClassicGroup implements Group {
    /** The protocol type of Kafka consumers. */
    public static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    private final String groupId;
    private ClassicGroupState state = ClassicGroupState.EMPTY;
    private long stateTimestampMs;
    private int generationId;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final LinkedHashMap<String, ClassicMember> members = new LinkedHashMap<>();
    private final Set<String> pendingMembers = new HashSet<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Members of the current generation that have not sent their SyncGroup yet. */
    private final Set<String> pendingSync = new HashSet<>();
    private boolean newMemberAdded;
    private boolean initialJoinDelayed;
    private Set<String> subscribedTopics;

    public ClassicGroup(String groupId, long nowMs) {
        this.groupId = groupId;
        this.stateTimestampMs = nowMs;
    }

    /** The group as its last record in the log describes it: stable when it has members, else empty. */
    static ClassicGroup fromSnapshot(String groupId, ClassicGroupSnapshot s, long nowMs, SubscriptionParser parser) {
        ClassicGroup g = new ClassicGroup(groupId, s.stateTimestampMs() >= 0 ? s.stateTimestampMs() : nowMs);
        g.generationId = s.generation();
        g.protocolType = s.protocolType() == null || s.protocolType().isEmpty() ? null : s.protocolType();
        g.protocolName = s.protocol();
        g.leaderId = s.leader();
        for (ClassicGroupSnapshot.Member m : s.members()) {
            ClassicMember member = new ClassicMember(m, g.protocolType, s.protocol());
            g.members.put(member.memberId(), member);
            if (member.isStatic()) {
                g.staticMembers.put(member.groupInstanceId(), member.memberId());
            }
        }
        g.state = g.members.isEmpty() ? ClassicGroupState.EMPTY : ClassicGroupState.STABLE;
        if (g.leaderId != null && !g.members.containsKey(g.leaderId)) {
            g.leaderId = g.members.isEmpty() ? null : g.members.keySet().iterator().next();
        }
        g.computeSubscribedTopics(parser);
        return g;
    }

    ClassicGroupSnapshot snapshot() {
        List<ClassicGroupSnapshot.Member> ms = new ArrayList<>(members.size());
        members.values().forEach(m -> ms.add(m.snapshot(protocolName)));
        return new ClassicGroupSnapshot(protocolType == null ? "" : protocolType, generationId, protocolName, leaderId, stateTimestampMs, ms);
    }

    // ---- Group ----

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public GroupType type() {
        return GroupType.CLASSIC;
    }

    @Override
    public String stateName() {
        return state.wireName();
    }

    @Override
    public String protocolType() {
        return protocolType == null ? "" : protocolType;
    }

    @Override
    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public boolean isDead() {
        return state == ClassicGroupState.DEAD;
    }

    @Override
    public void markDead() {
        if (state == ClassicGroupState.DEAD) {
            return;
        }
        transition(ClassicGroupState.DEAD, stateTimestampMs);
        for (ClassicMember m : members.values()) {
            m.completeJoin(JoinGroupResult.error(GroupError.COORDINATOR_NOT_AVAILABLE, m.memberId()));
            m.completeSync(SyncGroupResult.error(GroupError.COORDINATOR_NOT_AVAILABLE));
        }
    }

    @Override
    public long stateTimestampMs() {
        return stateTimestampMs;
    }

    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int generation, short apiVersion,
            java.util.Collection<io.tributary.logstore.TopicPartition> partitions) {
        if (state == ClassicGroupState.DEAD) {
            throw GroupError.COORDINATOR_NOT_AVAILABLE.exception("group " + groupId + " is being deleted");
        }
        boolean fromOutside = generation < 0 && (memberId == null || memberId.isEmpty()) && groupInstanceId == null;
        if (fromOutside) {
            if (state != ClassicGroupState.EMPTY) {
                // Only an empty group takes commits from outside it (admin tools, manual assignment).
                throw GroupError.UNKNOWN_MEMBER_ID.exception("group " + groupId + " has members; commit as one of them");
            }
            return;
        }
        validateMember(memberId, groupInstanceId, "offset commit");
        if (generation != generationId) {
            throw GroupError.ILLEGAL_GENERATION.exception("generation " + generation + " is not the group's " + generationId);
        }
        if (state == ClassicGroupState.COMPLETING_REBALANCE) {
            throw GroupError.REBALANCE_IN_PROGRESS.exception("group " + groupId + " is completing a rebalance");
        }
    }

    @Override
    public void validateOffsetFetch(String memberId, int memberEpoch) {
        // Classic members do not send their identity with OffsetFetch.
    }

    @Override
    public boolean isSubscribedTo(String topic) {
        return subscribedTopics == null || subscribedTopics.contains(topic);
    }

    @Override
    public Set<String> subscribedTopics() {
        return subscribedTopics;
    }

    /**
     * Checks that a member id (and group instance id) names a member of this group.
     *
     * @throws io.tributary.kafka.group.GroupException UNKNOWN_MEMBER_ID or FENCED_INSTANCE_ID
     */
    void validateMember(String memberId, String groupInstanceId, String operation) {
        if (groupInstanceId != null) {
            String known = staticMembers.get(groupInstanceId);
            if (known == null) {
                throw GroupError.UNKNOWN_MEMBER_ID.exception(operation + ": no member with group instance id " + groupInstanceId);
            }
            if (!known.equals(memberId)) {
                throw GroupError.FENCED_INSTANCE_ID.exception(operation + ": group instance id " + groupInstanceId + " now belongs to "
                        + known + ", not " + memberId);
            }
        } else if (memberId == null || !members.containsKey(memberId)) {
            throw GroupError.UNKNOWN_MEMBER_ID.exception(operation + ": member " + memberId + " is not in group " + groupId);
        }
    }

    // ---- state ----

    ClassicGroupState state() {
        return state;
    }

    boolean is(ClassicGroupState s) {
        return state == s;
    }

    void transition(ClassicGroupState to, long nowMs) {
        if (!to.canFollow(state)) {
            throw new IllegalStateException("group " + groupId + " cannot go from " + state + " to " + to);
        }
        state = to;
        stateTimestampMs = nowMs;
    }

    int generationId() {
        return generationId;
    }

    String protocolName() {
        return protocolName;
    }

    String protocolTypeOrNull() {
        return protocolType;
    }

    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    void setLeader(String memberId) {
        this.leaderId = memberId;
    }

    // ---- members ----

    ClassicMember member(String memberId) {
        return members.get(memberId);
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    Collection<ClassicMember> members() {
        return members.values();
    }

    int size() {
        return members.size();
    }

    void add(ClassicMember m) {
        if (members.isEmpty()) {
            protocolType = m.protocolType();
        }
        members.put(m.memberId(), m);
        if (m.isStatic()) {
            staticMembers.put(m.groupInstanceId(), m.memberId());
        }
        pendingMembers.remove(m.memberId());
        if (leaderId == null) {
            leaderId = m.memberId();
        }
    }

    /** Removes a member; a new leader is picked when it was the leader. */
    void remove(String memberId) {
        ClassicMember m = members.remove(memberId);
        if (m != null && m.isStatic()) {
            staticMembers.remove(m.groupInstanceId(), memberId);
        }
        pendingSync.remove(memberId);
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** Gives a static member a new member id (its previous incarnation is fenced). */
    void replaceStaticMember(ClassicMember m, String newMemberId) {
        String old = m.memberId();
        members.remove(old);
        m.setMemberId(newMemberId);
        members.put(newMemberId, m);
        staticMembers.put(m.groupInstanceId(), newMemberId);
        if (old.equals(leaderId)) {
            leaderId = newMemberId;
        }
        if (pendingSync.remove(old)) {
            pendingSync.add(newMemberId);
        }
    }

    String staticMemberId(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    Set<String> pendingMembers() {
        return pendingMembers;
    }

    boolean isPending(String memberId) {
        return pendingMembers.contains(memberId);
    }

    Set<String> pendingSync() {
        return pendingSync;
    }

    boolean allMembersJoined() {
        if (!pendingMembers.isEmpty()) {
            return false;
        }
        for (ClassicMember m : members.values()) {
            if (!m.isAwaitingJoin()) {
                return false;
            }
        }
        return true;
    }

    boolean anyMemberJoined() {
        for (ClassicMember m : members.values()) {
            if (m.isAwaitingJoin()) {
                return true;
            }
        }
        return false;
    }

    /** The longest rebalance timeout of the members: how long a rebalance waits for them. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (ClassicMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs());
        }
        return max;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void setNewMemberAdded(boolean v) {
        this.newMemberAdded = v;
    }

    boolean initialJoinDelayed() {
        return initialJoinDelayed;
    }

    void setInitialJoinDelayed(boolean v) {
        this.initialJoinDelayed = v;
    }

    // ---- protocols ----

    /**
     * True when a member of type {@code type} with {@code protocols} may join: an empty group takes
     * any non-empty choice; otherwise the type must match and one protocol must be one every member
     * supports.
     */
    boolean supportsProtocols(String type, List<Protocol> protocols) {
        if (members.isEmpty()) {
            return type != null && !type.isEmpty() && !protocols.isEmpty();
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        for (Protocol p : protocols) {
            if (supportedByAll(p.name())) {
                return true;
            }
        }
        return false;
    }

    private boolean supportedByAll(String protocol) {
        for (ClassicMember m : members.values()) {
            if (m.metadata(protocol) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The protocol for the next generation: among those every member supports, the one most
     * members prefer (each votes for its first supported choice); ties go to the first member's order.
     */
    String selectProtocol() {
        if (members.isEmpty()) {
            return null;
        }
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Protocol p : members.values().iterator().next().protocols()) {
            if (supportedByAll(p.name())) {
                votes.put(p.name(), 0);
            }
        }
        for (ClassicMember m : members.values()) {
            for (Protocol p : m.protocols()) {
                if (votes.containsKey(p.name())) {
                    votes.merge(p.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        String best = null;
        int bestVotes = -1;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return best;
    }

    /** Starts the next generation: with the chosen protocol when there are members, else empty. */
    void initNextGeneration(long nowMs, SubscriptionParser parser) {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            transition(ClassicGroupState.EMPTY, nowMs);
        } else {
            protocolName = selectProtocol();
            transition(ClassicGroupState.COMPLETING_REBALANCE, nowMs);
        }
        pendingSync.clear();
        pendingSync.addAll(members.keySet());
        computeSubscribedTopics(parser);
    }

    private void computeSubscribedTopics(SubscriptionParser parser) {
        if (members.isEmpty()) {
            subscribedTopics = Set.of();
            return;
        }
        if (!CONSUMER_PROTOCOL_TYPE.equals(protocolType) || protocolName == null) {
            subscribedTopics = null;
            return;
        }
        Set<String> topics = new HashSet<>();
        for (ClassicMember m : members.values()) {
            Set<String> t = parser.topics(m.metadata(protocolName));
            if (t == null) {
                subscribedTopics = null;
                return;
            }
            topics.addAll(t);
        }
        subscribedTopics = topics;
    }

    /** The members with their metadata for the chosen protocol, as the leader's JoinGroup answer lists them. */
    List<JoinGroupResult.Member> joinedMembers() {
        List<JoinGroupResult.Member> out = new ArrayList<>(members.size());
        for (ClassicMember m : members.values()) {
            byte[] meta = m.metadata(protocolName);
            out.add(new JoinGroupResult.Member(m.memberId(), m.groupInstanceId(), meta == null ? new byte[0] : meta));
        }
        return out;
    }

    /** The group as DescribeGroups shows it. */
    public ClassicGroupDescription describe() {
        boolean stable = state == ClassicGroupState.STABLE;
        List<ClassicGroupDescription.Member> ms = new ArrayList<>(members.size());
        byte[] none = new byte[0];
        for (ClassicMember m : members.values()) {
            byte[] meta = stable ? m.metadata(protocolName) : null;
            ms.add(new ClassicGroupDescription.Member(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    meta == null ? none : meta, stable ? m.assignment() : none));
        }
        return new ClassicGroupDescription(groupId, state.wireName(), protocolType(), stable && protocolName != null ? protocolName : "", ms);
    }
}
