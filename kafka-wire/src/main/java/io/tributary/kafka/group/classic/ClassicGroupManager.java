package io.tributary.kafka.group.classic;

import io.tributary.kafka.group.Group;
import io.tributary.kafka.group.GroupContext;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupException;
import io.tributary.kafka.group.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The classic group protocol of one shard: JoinGroup, SyncGroup, Heartbeat and LeaveGroup with
 * Kafka's semantics (KIP-394 member ids, KIP-345 static membership, KIP-814 skip assignment). A
 * JoinGroup or SyncGroup that must wait for the rest of the group returns an incomplete future,
 * completed when the rebalance gets there; no thread waits. Shard-thread only.
 */
public final class ClassicGroupManager {
    private final GroupContext ctx;
    private final Rebalancer rebalancer;
    private final SubscriptionParser parser;

    public ClassicGroupManager(GroupContext ctx, SubscriptionParser parser) {
        this.ctx = ctx;
        this.parser = parser;
        this.rebalancer = new Rebalancer(ctx, parser);
    }

    /** The classic group of this id, or null when there is none (or the id names a consumer group). */
    private ClassicGroup find(String groupId) {
        Group g = ctx.group(groupId);
        return g instanceof ClassicGroup c ? c : null;
    }

    // ---- JoinGroup ----

    public CompletableFuture<JoinGroupResult> join(JoinGroupParams p) {
        CompletableFuture<JoinGroupResult> result = new CompletableFuture<>();
        try {
            validateJoin(p);
            ClassicGroup g = groupForJoin(p);
            if (g.isDead()) {
                throw GroupError.COORDINATOR_NOT_AVAILABLE.exception("group " + p.groupId() + " is being deleted");
            }
            if (!g.supportsProtocols(p.protocolType(), p.protocols())) {
                throw GroupError.INCONSISTENT_GROUP_PROTOCOL.exception("protocol type " + p.protocolType()
                        + " or protocols do not match those of group " + p.groupId());
            }
            if (p.isUnknownMember()) {
                joinNewMember(g, p, result);
            } else {
                joinKnownMember(g, p, result);
            }
        } catch (GroupException e) {
            result.complete(JoinGroupResult.error(e.error(), p.memberId()));
        }
        return result;
    }

    private void validateJoin(JoinGroupParams p) {
        if (p.groupId() == null || p.groupId().isEmpty()) {
            throw GroupError.INVALID_GROUP_ID.exception("the group id is empty");
        }
        if (p.sessionTimeoutMs() < ctx.config().minSessionTimeoutMs() || p.sessionTimeoutMs() > ctx.config().maxSessionTimeoutMs()) {
            throw GroupError.INVALID_SESSION_TIMEOUT.exception("session timeout " + p.sessionTimeoutMs() + " ms is outside ["
                    + ctx.config().minSessionTimeoutMs() + ", " + ctx.config().maxSessionTimeoutMs() + "]");
        }
    }

    private ClassicGroup groupForJoin(JoinGroupParams p) {
        Group existing = ctx.group(p.groupId());
        if (existing instanceof ClassicGroup c) {
            return c;
        }
        if (existing != null && !existing.isEmpty()) {
            throw GroupError.INCONSISTENT_GROUP_PROTOCOL.exception("group " + p.groupId() + " is a consumer-protocol group with members");
        }
        if (!p.isUnknownMember()) {
            throw GroupError.UNKNOWN_MEMBER_ID.exception("group " + p.groupId() + " has no member " + p.memberId());
        }
        ClassicGroup g = new ClassicGroup(p.groupId(), ctx.nowMs());
        if (existing != null) {
            // An empty consumer-protocol group becomes a classic one; its offsets stay.
            ctx.write(List.of(new StoredRecord.ConsumerGroup(p.groupId(), -1)));
        }
        ctx.putGroup(g);
        return g;
    }

    private void joinNewMember(ClassicGroup g, JoinGroupParams p, CompletableFuture<JoinGroupResult> result) {
        if (p.groupInstanceId() != null && g.staticMemberId(p.groupInstanceId()) != null) {
            rejoinStaticMember(g, p, result);
            return;
        }
        if (g.size() + g.pendingMembers().size() >= ctx.config().maxGroupSize()) {
            throw GroupError.GROUP_MAX_SIZE_REACHED.exception("group " + g.groupId() + " has " + g.size() + " members");
        }
        String prefix = p.groupInstanceId() != null ? p.groupInstanceId() : p.clientId();
        String memberId = prefix + "-" + UUID.randomUUID();
        if (p.groupInstanceId() == null && p.requireKnownMemberId()) {
            rebalancer.addPendingMember(g, memberId, p.sessionTimeoutMs());
            result.complete(JoinGroupResult.error(GroupError.MEMBER_ID_REQUIRED, memberId));
            return;
        }
        rebalancer.addMemberAndRebalance(g, new ClassicMember(memberId, p), result);
    }

    private void joinKnownMember(ClassicGroup g, JoinGroupParams p, CompletableFuture<JoinGroupResult> result) {
        if (g.isPending(p.memberId())) {
            rebalancer.addMemberAndRebalance(g, new ClassicMember(p.memberId(), p), result);
            return;
        }
        g.validateMember(p.memberId(), p.groupInstanceId(), "join group");
        ClassicMember m = g.member(p.memberId());
        switch (g.state()) {
            case PREPARING_REBALANCE:
                rebalancer.updateMemberAndRebalance(g, m, p, result);
                break;
            case COMPLETING_REBALANCE:
                if (m.matches(p.protocols())) {
                    // It lost the JoinGroup answer: send the current generation again.
                    result.complete(rebalancer.joinResult(g, m.memberId(), g.isLeader(m.memberId()), false));
                } else {
                    rebalancer.updateMemberAndRebalance(g, m, p, result);
                }
                break;
            case STABLE:
                if (g.isLeader(m.memberId()) || !m.matches(p.protocols())) {
                    // The leader rejoins to have the group reassigned (say, new partitions): rebalance.
                    rebalancer.updateMemberAndRebalance(g, m, p, result);
                } else {
                    result.complete(rebalancer.joinResult(g, m.memberId(), false, false));
                }
                break;
            default:
                throw GroupError.UNKNOWN_MEMBER_ID.exception("group " + g.groupId() + " is " + g.stateName());
        }
    }

    /**
     * A static member joins again without its member id (it restarted): it takes a new member id,
     * the old one is fenced, and a stable group keeps its assignment without a rebalance when the
     * member's protocols did not change.
     */
    private void rejoinStaticMember(ClassicGroup g, JoinGroupParams p, CompletableFuture<JoinGroupResult> result) {
        ClassicMember m = g.member(g.staticMemberId(p.groupInstanceId()));
        String oldId = m.memberId();
        String newId = p.groupInstanceId() + "-" + UUID.randomUUID();
        m.completeJoin(JoinGroupResult.error(GroupError.FENCED_INSTANCE_ID, oldId));
        m.completeSync(SyncGroupResult.error(GroupError.FENCED_INSTANCE_ID));
        ctx.timer().cancel(Rebalancer.heartbeatKey(g, oldId));
        g.replaceStaticMember(m, newId);
        switch (g.state()) {
            case STABLE:
                m.update(p);
                rebalancer.scheduleHeartbeat(g, m);
                boolean leader = g.isLeader(newId);
                if (!p.protocols().isEmpty() && g.protocolName() != null && g.protocolName().equals(g.selectProtocol())
                        && (!leader || p.supportsSkipAssignment())) {
                    int generation = g.generationId();
                    rebalancer.persist(g).whenComplete((v, e) -> result.complete(e != null
                            ? JoinGroupResult.error(errorOf(e), newId)
                            : g.generationId() == generation ? rebalancer.joinResult(g, newId, leader, leader)
                                    : JoinGroupResult.error(GroupError.REBALANCE_IN_PROGRESS, newId)));
                } else {
                    rebalancer.updateMemberAndRebalance(g, m, p, result);
                }
                break;
            case COMPLETING_REBALANCE:
            case PREPARING_REBALANCE:
                // The leader may have been handed the old member id: rebalance so the new one gets an assignment.
                rebalancer.updateMemberAndRebalance(g, m, p, result);
                break;
            default:
                throw GroupError.UNKNOWN_MEMBER_ID.exception("group " + g.groupId() + " is " + g.stateName());
        }
    }

    private static GroupError errorOf(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof GroupException ge ? ge.error() : GroupError.NOT_COORDINATOR;
    }

    // ---- SyncGroup ----

    public CompletableFuture<SyncGroupResult> sync(SyncGroupParams p) {
        CompletableFuture<SyncGroupResult> result = new CompletableFuture<>();
        try {
            ClassicGroup g = find(p.groupId());
            if (g == null) {
                throw GroupError.UNKNOWN_MEMBER_ID.exception("no classic group " + p.groupId());
            }
            if (g.isDead()) {
                throw GroupError.COORDINATOR_NOT_AVAILABLE.exception("group " + p.groupId() + " is being deleted");
            }
            g.validateMember(p.memberId(), p.groupInstanceId(), "sync group");
            if (p.generationId() != g.generationId()) {
                throw GroupError.ILLEGAL_GENERATION.exception("generation " + p.generationId() + " is not " + g.generationId());
            }
            if ((p.protocolType() != null && !p.protocolType().equals(g.protocolTypeOrNull()))
                    || (p.protocolName() != null && !p.protocolName().equals(g.protocolName()))) {
                throw GroupError.INCONSISTENT_GROUP_PROTOCOL.exception("protocol does not match the group's");
            }
            syncInState(g, p, result);
        } catch (GroupException e) {
            result.complete(SyncGroupResult.error(e.error()));
        }
        return result;
    }

    private void syncInState(ClassicGroup g, SyncGroupParams p, CompletableFuture<SyncGroupResult> result) {
        ClassicMember m = g.member(p.memberId());
        switch (g.state()) {
            case PREPARING_REBALANCE:
                throw GroupError.REBALANCE_IN_PROGRESS.exception("group " + g.groupId() + " is rebalancing");
            case COMPLETING_REBALANCE:
                m.awaitSync(result);
                g.pendingSync().remove(m.memberId());
                rebalancer.scheduleHeartbeat(g, m);
                if (g.isLeader(m.memberId())) {
                    storeAssignment(g, p.assignments());
                }
                break;
            case STABLE:
                g.pendingSync().remove(m.memberId());
                rebalancer.scheduleHeartbeat(g, m);
                result.complete(new SyncGroupResult(GroupError.NONE, g.protocolTypeOrNull(), g.protocolName(), m.assignment()));
                break;
            default:
                throw GroupError.UNKNOWN_MEMBER_ID.exception("group " + g.groupId() + " is " + g.stateName());
        }
    }

    /** The leader's assignment: persisted, then handed to every member waiting on SyncGroup; the group is stable. */
    private void storeAssignment(ClassicGroup g, Map<String, byte[]> assignments) {
        Map<String, byte[]> previous = new HashMap<>();
        for (ClassicMember member : g.members()) {
            previous.put(member.memberId(), member.assignment());
            member.setAssignment(assignments.get(member.memberId()));
        }
        int generation = g.generationId();
        rebalancer.persist(g).whenComplete((v, e) -> {
            if (ctx.group(g.groupId()) != g || g.generationId() != generation || !g.is(ClassicGroupState.COMPLETING_REBALANCE)) {
                return;
            }
            if (e != null) {
                GroupError error = errorOf(e);
                for (ClassicMember member : g.members()) {
                    member.setAssignment(previous.get(member.memberId()));
                    member.completeSync(SyncGroupResult.error(error));
                }
                rebalancer.prepareRebalance(g, "the group's assignment could not be stored");
                return;
            }
            g.transition(ClassicGroupState.STABLE, ctx.nowMs());
            for (ClassicMember member : g.members()) {
                member.completeSync(new SyncGroupResult(GroupError.NONE, g.protocolTypeOrNull(), g.protocolName(), member.assignment()));
            }
        });
    }

    // ---- Heartbeat ----

    public GroupError heartbeat(HeartbeatParams p) {
        ClassicGroup g = find(p.groupId());
        if (g == null) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (g.isDead()) {
            return GroupError.COORDINATOR_NOT_AVAILABLE;
        }
        if (g.is(ClassicGroupState.EMPTY)) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        try {
            g.validateMember(p.memberId(), p.groupInstanceId(), "heartbeat");
        } catch (GroupException e) {
            return e.error();
        }
        if (p.generationId() != g.generationId()) {
            return GroupError.ILLEGAL_GENERATION;
        }
        rebalancer.scheduleHeartbeat(g, g.member(p.memberId()));
        return g.is(ClassicGroupState.PREPARING_REBALANCE) ? GroupError.REBALANCE_IN_PROGRESS : GroupError.NONE;
    }

    // ---- LeaveGroup ----

    public LeaveGroupResult leave(LeaveGroupParams p) {
        ClassicGroup g = find(p.groupId());
        if (g == null) {
            return new LeaveGroupResult(GroupError.UNKNOWN_MEMBER_ID, List.of());
        }
        if (g.isDead()) {
            return new LeaveGroupResult(GroupError.COORDINATOR_NOT_AVAILABLE, List.of());
        }
        List<LeaveGroupResult.Member> out = new ArrayList<>(p.members().size());
        for (LeaveGroupParams.Leaving l : p.members()) {
            out.add(new LeaveGroupResult.Member(l.memberId(), l.groupInstanceId(), leaveOne(g, l)));
        }
        return new LeaveGroupResult(GroupError.NONE, out);
    }

    private GroupError leaveOne(ClassicGroup g, LeaveGroupParams.Leaving l) {
        String memberId = l.memberId();
        if (l.groupInstanceId() != null) {
            String known = g.staticMemberId(l.groupInstanceId());
            if (known == null) {
                return GroupError.UNKNOWN_MEMBER_ID;
            }
            if (memberId != null && !memberId.isEmpty() && !memberId.equals(known)) {
                return GroupError.FENCED_INSTANCE_ID;
            }
            memberId = known;
        } else if (memberId != null && g.isPending(memberId)) {
            rebalancer.removePendingMember(g, memberId);
            return GroupError.NONE;
        }
        ClassicMember m = memberId == null ? null : g.member(memberId);
        if (m == null) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        rebalancer.removeMember(g, m, "member " + memberId + " left" + (l.reason() == null ? "" : " (" + l.reason() + ")"));
        return GroupError.NONE;
    }

    // ---- load ----

    /** Recreates a classic group from its last record and starts its members' session timers. */
    public ClassicGroup load(String groupId, io.tributary.kafka.group.ClassicGroupSnapshot snapshot) {
        ClassicGroup g = ClassicGroup.fromSnapshot(groupId, snapshot, ctx.nowMs(), parser);
        ctx.putGroup(g);
        rebalancer.onLoaded(g);
        return g;
    }

    /** Cancels the timers of a group that is being deleted. */
    public void forget(ClassicGroup g) {
        for (ClassicMember m : g.members()) {
            ctx.timer().cancel(Rebalancer.heartbeatKey(g, m.memberId()));
        }
    }
}
