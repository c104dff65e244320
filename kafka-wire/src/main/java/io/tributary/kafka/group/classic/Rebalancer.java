package io.tributary.kafka.group.classic;

import io.tributary.kafka.group.GroupContext;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves classic groups through a rebalance: starts one (waiting for members to rejoin, with the
 * initial delay for an empty group), completes it when everyone has joined or the rebalance
 * timeout passed, and keeps the timers that evict members: session timeouts, pending members that
 * never came back with their id, and members that did not send SyncGroup in time. Shard-thread only.
 */
final class Rebalancer {
    private static final Logger LOGGER = LoggerFactory.getLogger(Rebalancer.class);

    private final GroupContext ctx;
    private final SubscriptionParser parser;

    Rebalancer(GroupContext ctx, SubscriptionParser parser) {
        this.ctx = ctx;
        this.parser = parser;
    }

    static String heartbeatKey(ClassicGroup g, String memberId) {
        return "heartbeat-" + g.groupId() + "-" + memberId;
    }

    private static String joinKey(ClassicGroup g) {
        return "join-" + g.groupId();
    }

    private static String syncKey(ClassicGroup g) {
        return "sync-" + g.groupId();
    }

    private static String pendingKey(ClassicGroup g, String memberId) {
        return "pending-" + g.groupId() + "-" + memberId;
    }

    /** True when this group object is still the shard's group of its id (not deleted or replaced). */
    private boolean current(ClassicGroup g) {
        return ctx.group(g.groupId()) == g && !g.isDead();
    }

    // ---- rebalance ----

    /** Starts a rebalance: every member must join again; members waiting on SyncGroup are told so. */
    void prepareRebalance(ClassicGroup g, String reason) {
        if (g.is(ClassicGroupState.COMPLETING_REBALANCE)) {
            for (ClassicMember m : g.members()) {
                m.setAssignment(null);
                m.completeSync(SyncGroupResult.error(GroupError.REBALANCE_IN_PROGRESS));
            }
        }
        ctx.timer().cancel(syncKey(g));
        g.pendingSync().clear();
        boolean initial = g.is(ClassicGroupState.EMPTY);
        LOGGER.info("Preparing to rebalance group {} in state {} with old generation {}: {}", g.groupId(), g.stateName(),
                g.generationId(), reason);
        g.transition(ClassicGroupState.PREPARING_REBALANCE, ctx.nowMs());
        int initialDelay = ctx.config().initialRebalanceDelayMs();
        if (initial && initialDelay > 0) {
            int timeout = g.rebalanceTimeoutMs();
            int delay = Math.min(initialDelay, timeout);
            g.setNewMemberAdded(false);
            g.setInitialJoinDelayed(true);
            scheduleInitialJoin(g, delay, timeout - delay);
        } else {
            ctx.timer().schedule(joinKey(g), g.rebalanceTimeoutMs(), () -> onJoinTimeout(g));
            maybeCompleteJoin(g);
        }
    }

    /**
     * Kafka's initial delayed join: an empty group's first rebalance waits {@code initialDelay}, and
     * again while new members keep arriving, up to the rebalance timeout, so that members starting
     * together get one rebalance rather than one each.
     */
    private void scheduleInitialJoin(ClassicGroup g, int delay, int remaining) {
        ctx.timer().schedule(joinKey(g), delay, () -> {
            if (!current(g)) {
                return;
            }
            if (g.newMemberAdded() && remaining > 0) {
                g.setNewMemberAdded(false);
                int next = Math.min(ctx.config().initialRebalanceDelayMs(), remaining);
                scheduleInitialJoin(g, next, remaining - next);
            } else {
                g.setInitialJoinDelayed(false);
                completeJoin(g);
            }
        });
    }

    private void onJoinTimeout(ClassicGroup g) {
        if (current(g)) {
            completeJoin(g);
        }
    }

    /** Completes the join phase if every member (and every pending member) has joined. */
    void maybeCompleteJoin(ClassicGroup g) {
        if (g.is(ClassicGroupState.PREPARING_REBALANCE) && !g.initialJoinDelayed() && g.allMembersJoined()) {
            completeJoin(g);
        }
    }

    /**
     * Ends the join phase: dynamic members that did not rejoin are removed, the next generation
     * starts, and every waiting JoinGroup is answered (the leader with all members' metadata).
     */
    void completeJoin(ClassicGroup g) {
        if (!g.is(ClassicGroupState.PREPARING_REBALANCE)) {
            return;
        }
        ctx.timer().cancel(joinKey(g));
        g.setInitialJoinDelayed(false);
        for (ClassicMember m : new ArrayList<>(g.members())) {
            if (!m.isAwaitingJoin() && !m.isStatic()) {
                LOGGER.debug("Group {}: member {} did not rejoin in time; removed", g.groupId(), m.memberId());
                ctx.timer().cancel(heartbeatKey(g, m.memberId()));
                g.remove(m.memberId());
            }
        }
        if (!g.members().isEmpty() && !g.anyMemberJoined()) {
            // Only static members that have not rejoined yet: give them another rebalance timeout.
            ctx.timer().schedule(joinKey(g), g.rebalanceTimeoutMs(), () -> onJoinTimeout(g));
            return;
        }
        ClassicMember leader = g.leaderId() == null ? null : g.member(g.leaderId());
        if (leader == null || !leader.isAwaitingJoin()) {
            g.members().stream().filter(ClassicMember::isAwaitingJoin).findFirst().ifPresent(m -> g.setLeader(m.memberId()));
        }
        g.initNextGeneration(ctx.nowMs(), parser);
        if (g.is(ClassicGroupState.EMPTY)) {
            LOGGER.debug("Group {} is empty at generation {}", g.groupId(), g.generationId());
            persist(g);
            return;
        }
        LOGGER.info("Group {} is at generation {} with {} members (protocol {}, leader {})", g.groupId(), g.generationId(), g.size(),
                g.protocolName(), g.leaderId());
        for (ClassicMember m : g.members()) {
            m.completeJoin(joinResult(g, m.memberId(), g.isLeader(m.memberId()), false));
            scheduleHeartbeat(g, m);
        }
        int generation = g.generationId();
        ctx.timer().schedule(syncKey(g), g.rebalanceTimeoutMs(), () -> onSyncTimeout(g, generation));
    }

    /** The current generation as a JoinGroup answer for {@code memberId}. */
    JoinGroupResult joinResult(ClassicGroup g, String memberId, boolean withMembers, boolean skipAssignment) {
        return new JoinGroupResult(GroupError.NONE, g.generationId(), g.protocolTypeOrNull(), g.protocolName(), g.leaderId(), skipAssignment,
                memberId, withMembers ? g.joinedMembers() : List.of());
    }

    private void onSyncTimeout(ClassicGroup g, int generation) {
        if (!current(g) || g.generationId() != generation || g.pendingSync().isEmpty()
                || !(g.is(ClassicGroupState.COMPLETING_REBALANCE) || g.is(ClassicGroupState.STABLE))) {
            return;
        }
        for (String id : new ArrayList<>(g.pendingSync())) {
            ClassicMember m = g.member(id);
            if (m != null) {
                LOGGER.debug("Group {}: member {} did not send SyncGroup in time; removed", g.groupId(), id);
                m.completeJoin(JoinGroupResult.error(GroupError.UNKNOWN_MEMBER_ID, id));
                m.completeSync(SyncGroupResult.error(GroupError.UNKNOWN_MEMBER_ID));
                ctx.timer().cancel(heartbeatKey(g, id));
                g.remove(id);
            }
        }
        prepareRebalance(g, "members did not sync in time");
    }

    // ---- members ----

    /** Adds a member that joined and starts (or continues) a rebalance. */
    void addMemberAndRebalance(ClassicGroup g, ClassicMember m, CompletableFuture<JoinGroupResult> result) {
        m.awaitJoin(result);
        g.add(m);
        g.setNewMemberAdded(true);
        ctx.timer().cancel(pendingKey(g, m.memberId()));
        scheduleHeartbeat(g, m);
        rebalanceOrCompleteJoin(g, "member " + m.memberId() + " joined");
    }

    /** A known member rejoined (new protocols or timeouts): it waits for the rebalance. */
    void updateMemberAndRebalance(ClassicGroup g, ClassicMember m, JoinGroupParams join, CompletableFuture<JoinGroupResult> result) {
        m.update(join);
        m.awaitJoin(result);
        scheduleHeartbeat(g, m);
        rebalanceOrCompleteJoin(g, "member " + m.memberId() + " rejoined");
    }

    private void rebalanceOrCompleteJoin(ClassicGroup g, String reason) {
        if (g.is(ClassicGroupState.PREPARING_REBALANCE)) {
            maybeCompleteJoin(g);
        } else {
            prepareRebalance(g, reason);
        }
    }

    /** Remembers a member id handed out with MEMBER_ID_REQUIRED; it is forgotten if not used within the session timeout. */
    void addPendingMember(ClassicGroup g, String memberId, int sessionTimeoutMs) {
        g.pendingMembers().add(memberId);
        ctx.timer().schedule(pendingKey(g, memberId), sessionTimeoutMs, () -> {
            if (current(g) && g.pendingMembers().remove(memberId)) {
                maybeCompleteJoin(g);
            }
        });
    }

    void removePendingMember(ClassicGroup g, String memberId) {
        g.pendingMembers().remove(memberId);
        ctx.timer().cancel(pendingKey(g, memberId));
        maybeCompleteJoin(g);
    }

    /** Pushes the member's session expiry back by its session timeout. */
    void scheduleHeartbeat(ClassicGroup g, ClassicMember m) {
        String memberId = m.memberId();
        ctx.timer().schedule(heartbeatKey(g, memberId), m.sessionTimeoutMs(), () -> onSessionTimeout(g, memberId));
    }

    private void onSessionTimeout(ClassicGroup g, String memberId) {
        ClassicMember m = current(g) ? g.member(memberId) : null;
        if (m == null) {
            return;
        }
        if (m.isAwaitingJoin() || m.isAwaitingSync()) {
            // A member waiting on the coordinator cannot heartbeat; the rebalance decides its fate.
            scheduleHeartbeat(g, m);
            return;
        }
        LOGGER.info("Group {}: member {} missed its session timeout ({} ms); removed", g.groupId(), memberId, m.sessionTimeoutMs());
        removeMember(g, m, "session timeout of " + memberId);
    }

    /** Removes a member (left, or timed out) and rebalances what remains. */
    void removeMember(ClassicGroup g, ClassicMember m, String reason) {
        m.completeJoin(JoinGroupResult.error(GroupError.UNKNOWN_MEMBER_ID, m.memberId()));
        m.completeSync(SyncGroupResult.error(GroupError.UNKNOWN_MEMBER_ID));
        ctx.timer().cancel(heartbeatKey(g, m.memberId()));
        g.remove(m.memberId());
        if (g.is(ClassicGroupState.STABLE) || g.is(ClassicGroupState.COMPLETING_REBALANCE)) {
            prepareRebalance(g, reason);
        } else if (g.is(ClassicGroupState.PREPARING_REBALANCE)) {
            maybeCompleteJoin(g);
        }
    }

    /** Starts the session timers of a group read back from the log (its members are presumed alive until then). */
    void onLoaded(ClassicGroup g) {
        for (ClassicMember m : g.members()) {
            scheduleHeartbeat(g, m);
        }
    }

    /** Writes the group as it is now; the future completes once durable. */
    CompletableFuture<Void> persist(ClassicGroup g) {
        return ctx.write(List.of(new StoredRecord.ClassicGroup(g.groupId(), g.snapshot())));
    }
}
