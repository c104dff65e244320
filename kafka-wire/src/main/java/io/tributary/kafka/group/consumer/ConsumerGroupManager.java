package io.tributary.kafka.group.consumer;

import io.tributary.kafka.group.Group;
import io.tributary.kafka.group.GroupContext;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupException;
import io.tributary.kafka.group.StoredRecord;
import io.tributary.kafka.group.TopicCatalog.TopicInfo;
import io.tributary.kafka.group.classic.ClassicGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer group protocol of KIP-848 for one shard: ConsumerGroupHeartbeat joins, heartbeats
 * and leaves; the server computes the target assignment with the chosen assignor whenever the
 * group epoch moved past the assignment epoch, and each member's heartbeat moves it one safe step
 * toward its target ({@link Reconciler}). Members are evicted after the session timeout, and
 * fenced when they do not revoke partitions within their rebalance timeout.
 *
 * <p>Only the group epoch is written to the log; members are kept in memory, so after a restart
 * members are told UNKNOWN_MEMBER_ID and join again (their committed offsets are durable).
 * Shard-thread only.
 */
public final class ConsumerGroupManager {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsumerGroupManager.class);

    private final GroupContext ctx;
    private final Map<String, PartitionAssignor> assignors = new HashMap<>();

    public ConsumerGroupManager(GroupContext ctx) {
        this.ctx = ctx;
        for (PartitionAssignor a : List.of(new UniformAssignor(), new RangeAssignor())) {
            if (ctx.config().consumerAssignors().contains(a.name())) {
                assignors.put(a.name(), a);
            }
        }
        if (assignors.isEmpty()) {
            assignors.put(UniformAssignor.NAME, new UniformAssignor());
        }
    }

    public CompletableFuture<ConsumerHeartbeatResult> heartbeat(ConsumerHeartbeatParams p) {
        try {
            validate(p);
            if (p.memberEpoch() < 0) {
                return leave(p);
            }
            return joinOrHeartbeat(p);
        } catch (GroupException e) {
            return CompletableFuture.completedFuture(ConsumerHeartbeatResult.error(e.error(), e.getMessage(), p.memberId(), p.memberEpoch()));
        }
    }

    private void validate(ConsumerHeartbeatParams p) {
        if (p.groupId() == null || p.groupId().isEmpty()) {
            throw GroupError.INVALID_REQUEST.exception("GroupId can't be empty.");
        }
        boolean noMemberId = p.memberId() == null || p.memberId().isEmpty();
        if (noMemberId && (p.apiVersion() >= 1 || p.memberEpoch() != 0)) {
            throw GroupError.INVALID_REQUEST.exception("MemberId can't be empty.");
        }
        if (p.memberEpoch() < ConsumerMember.STATIC_LEAVE_EPOCH) {
            throw GroupError.INVALID_REQUEST.exception("MemberEpoch is invalid.");
        }
        if (p.memberEpoch() == 0) {
            if (p.rebalanceTimeoutMs() == -1) {
                throw GroupError.INVALID_REQUEST.exception("RebalanceTimeoutMs must be provided in first request.");
            }
            if (p.ownedPartitions() == null || !p.ownedPartitions().isEmpty()) {
                throw GroupError.INVALID_REQUEST.exception("TopicPartitions must be empty when (re-)joining.");
            }
            if (p.subscribedTopicNames() == null && p.subscribedTopicRegex() == null) {
                throw GroupError.INVALID_REQUEST.exception("SubscribedTopicNames or SubscribedTopicRegex must be set in first request.");
            }
        }
        if (p.serverAssignor() != null && !assignors.containsKey(p.serverAssignor())) {
            throw GroupError.UNSUPPORTED_ASSIGNOR.exception("ServerAssignor " + p.serverAssignor() + " is not supported; supported: "
                    + assignors.keySet());
        }
        if (p.subscribedTopicRegex() != null && !p.subscribedTopicRegex().isEmpty()) {
            try {
                Pattern.compile(p.subscribedTopicRegex());
            } catch (PatternSyntaxException e) {
                throw GroupError.INVALID_REGULAR_EXPRESSION.exception("SubscribedTopicRegex " + p.subscribedTopicRegex() + " is invalid: "
                        + e.getDescription());
            }
        }
    }

    private ConsumerGroup groupFor(ConsumerHeartbeatParams p) {
        Group existing = ctx.group(p.groupId());
        if (existing instanceof ConsumerGroup c) {
            if (c.isDead()) {
                throw GroupError.COORDINATOR_NOT_AVAILABLE.exception("group " + p.groupId() + " is being deleted");
            }
            return c;
        }
        if (existing instanceof ClassicGroup classic && (!classic.isEmpty() || classic.isDead())) {
            throw GroupError.GROUP_ID_NOT_FOUND.exception("Group " + p.groupId() + " is not a consumer group.");
        }
        if (p.memberEpoch() != 0) {
            throw GroupError.UNKNOWN_MEMBER_ID.exception("group " + p.groupId() + " has no member " + p.memberId());
        }
        ConsumerGroup g = new ConsumerGroup(p.groupId(), 0, ctx.nowMs());
        if (existing != null) {
            // An empty classic group (say, one with only committed offsets) becomes a consumer group.
            ctx.write(List.of(new StoredRecord.ClassicGroup(p.groupId(), null)));
        }
        ctx.putGroup(g);
        return g;
    }

    private CompletableFuture<ConsumerHeartbeatResult> joinOrHeartbeat(ConsumerHeartbeatParams p) {
        ConsumerGroup g = groupFor(p);
        String memberId = p.memberId() == null || p.memberId().isEmpty() ? UUID.randomUUID().toString() : p.memberId();
        boolean bump;
        ConsumerMember m;
        if (p.memberEpoch() == 0) {
            ConsumerMember joined = join(g, p, memberId);
            bump = g.member(memberId) == null || joined != g.member(memberId);
            m = joined;
            if (bump) {
                if (g.size() >= ctx.config().maxGroupSize()) {
                    throw GroupError.GROUP_MAX_SIZE_REACHED.exception("group " + g.groupId() + " has " + g.size() + " members");
                }
                g.add(m, ctx.nowMs());
            }
        } else {
            m = g.member(memberId);
            if (m == null) {
                throw GroupError.UNKNOWN_MEMBER_ID.exception("member " + memberId + " is not in group " + g.groupId());
            }
            checkEpoch(m, p);
            bump = false;
        }
        int epochBefore = m.memberEpoch();
        Map<UUID, Set<Integer>> assignedBefore = Assignments.copy(m.assigned());
        MemberState stateBefore = m.state();
        bump |= m.update(p);
        bump |= g.setSubscriptionMetadata(subscriptionMetadata(g));
        List<StoredRecord> records = new ArrayList<>();
        if (bump) {
            g.bumpGroupEpoch();
            records.add(new StoredRecord.ConsumerGroup(g.groupId(), g.groupEpoch()));
        }
        if (g.groupEpoch() > g.assignmentEpoch()) {
            computeTargetAssignment(g);
        }
        Reconciler.reconcile(g, m, p.ownedPartitions());
        scheduleTimers(g, m);
        boolean changed = epochBefore != m.memberEpoch() || stateBefore != m.state() || !assignedBefore.equals(m.assigned());
        ConsumerHeartbeatResult result = new ConsumerHeartbeatResult(GroupError.NONE, null, memberId, m.memberEpoch(),
                ctx.config().consumerHeartbeatIntervalMs(), changed || p.isFull() ? Assignments.copy(m.assigned()) : null);
        return respondAfter(records, result, p);
    }

    /**
     * A member joins (epoch 0): a new member, one rejoining after it was fenced (it owns nothing
     * any more), or a static member taking back its place under a new member id.
     *
     * @return the member; not yet in the group when new
     */
    private ConsumerMember join(ConsumerGroup g, ConsumerHeartbeatParams p, String memberId) {
        ConsumerMember existing = g.member(memberId);
        if (p.instanceId() != null) {
            String heldBy = g.staticMemberId(p.instanceId());
            if (heldBy != null && !heldBy.equals(memberId)) {
                ConsumerMember holder = g.member(heldBy);
                if (!holder.hasLeftStatic()) {
                    throw GroupError.UNRELEASED_INSTANCE_ID.exception("Static member " + heldBy + " with instance id " + p.instanceId()
                            + " is still in group " + g.groupId());
                }
                ConsumerMember replacement = holder.takeOver(memberId);
                cancelTimers(g, holder);
                g.replace(holder, replacement);
                return replacement;
            }
        }
        if (existing != null) {
            g.release(existing, existing.assigned());
            g.release(existing, existing.pendingRevocation());
            existing.resetForRejoin();
            return existing;
        }
        return new ConsumerMember(memberId, p.instanceId());
    }

    private static void checkEpoch(ConsumerMember m, ConsumerHeartbeatParams p) {
        if (p.memberEpoch() > m.memberEpoch()) {
            throw GroupError.FENCED_MEMBER_EPOCH.exception("The consumer group member has a greater member epoch (" + p.memberEpoch()
                    + ") than the one known by the group coordinator (" + m.memberEpoch() + "). The member must abandon all its partitions and rejoin.");
        }
        if (p.memberEpoch() < m.memberEpoch()) {
            // The answer that bumped its epoch may have been lost: accept the previous epoch if it owns no more than it should.
            boolean lostAnswer = p.memberEpoch() == m.previousMemberEpoch() && p.ownedPartitions() != null
                    && Assignments.isSubset(p.ownedPartitions(), m.assigned());
            if (!lostAnswer) {
                throw GroupError.FENCED_MEMBER_EPOCH.exception("The consumer group member has a smaller member epoch (" + p.memberEpoch()
                        + ") than the one known by the group coordinator (" + m.memberEpoch() + "). The member must abandon all its partitions and rejoin.");
            }
        }
    }

    private CompletableFuture<ConsumerHeartbeatResult> leave(ConsumerHeartbeatParams p) {
        Group existing = ctx.group(p.groupId());
        if (!(existing instanceof ConsumerGroup g) || existing.isDead()) {
            throw GroupError.GROUP_ID_NOT_FOUND.exception("Group " + p.groupId() + " not found.");
        }
        ConsumerMember m = g.member(p.memberId());
        if (m == null && p.instanceId() != null && g.staticMemberId(p.instanceId()) != null) {
            m = g.member(g.staticMemberId(p.instanceId()));
        }
        if (m == null) {
            throw GroupError.UNKNOWN_MEMBER_ID.exception("member " + p.memberId() + " is not in group " + g.groupId());
        }
        ConsumerHeartbeatResult result = new ConsumerHeartbeatResult(GroupError.NONE, null, p.memberId(), p.memberEpoch(), 0, null);
        if (p.memberEpoch() == ConsumerMember.STATIC_LEAVE_EPOCH && m.instanceId() != null) {
            // It keeps its partitions for a session timeout, in case it comes back with the same instance id.
            m.leaveStatic();
            ctx.timer().cancel(revocationKey(g, m.memberId()));
            scheduleSession(g, m);
            return CompletableFuture.completedFuture(result);
        }
        return respondAfter(removeMember(g, m, "left"), result, p);
    }

    private CompletableFuture<ConsumerHeartbeatResult> respondAfter(List<StoredRecord> records, ConsumerHeartbeatResult result,
            ConsumerHeartbeatParams p) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return ctx.write(records).handle((v, e) -> e == null ? result
                : ConsumerHeartbeatResult.error(GroupError.NOT_COORDINATOR, "the group's epoch could not be stored", p.memberId(), p.memberEpoch()));
    }

    /** Removes a member and bumps the group epoch so the others are assigned again; returns the records to write. */
    private List<StoredRecord> removeMember(ConsumerGroup g, ConsumerMember m, String reason) {
        LOGGER.debug("Group {}: member {} removed ({})", g.groupId(), m.memberId(), reason);
        cancelTimers(g, m);
        g.remove(m, ctx.nowMs());
        g.bumpGroupEpoch();
        return List.of(new StoredRecord.ConsumerGroup(g.groupId(), g.groupEpoch()));
    }

    // ---- assignment ----

    /** The topics any member subscribes to (by name or regular expression) that exist, with their partition counts. */
    private Map<String, TopicInfo> subscriptionMetadata(ConsumerGroup g) {
        Map<String, TopicInfo> out = new TreeMap<>();
        Set<String> regexes = new HashSet<>();
        for (ConsumerMember m : g.members()) {
            for (String name : m.subscribedTopicNames()) {
                ctx.topics().byName(name).ifPresent(t -> out.put(name, t));
            }
            if (m.subscribedTopicRegex() != null) {
                regexes.add(m.subscribedTopicRegex());
            }
        }
        if (!regexes.isEmpty()) {
            for (TopicInfo t : ctx.topics().all()) {
                for (String r : regexes) {
                    if (g.matches(r, t.name())) {
                        out.put(t.name(), t);
                    }
                }
            }
        }
        return out;
    }

    private void computeTargetAssignment(ConsumerGroup g) {
        String name = g.preferredAssignor(ctx.config().defaultAssignor());
        PartitionAssignor assignor = assignors.getOrDefault(name, assignors.values().iterator().next());
        Map<String, TopicInfo> metadata = g.subscriptionMetadata();
        Map<UUID, Integer> counts = new HashMap<>();
        metadata.values().forEach(t -> counts.put(t.id(), t.partitions()));
        List<PartitionAssignor.MemberSubscription> subs = new ArrayList<>();
        for (ConsumerMember m : g.members()) {
            Set<UUID> topics = new HashSet<>();
            for (TopicInfo t : metadata.values()) {
                if (m.subscribedTopicNames().contains(t.name()) || (m.subscribedTopicRegex() != null && g.matches(m.subscribedTopicRegex(), t.name()))) {
                    topics.add(t.id());
                }
            }
            subs.add(new PartitionAssignor.MemberSubscription(m.memberId(), m.instanceId(), m.rackId(), topics));
        }
        subs.sort(java.util.Comparator.comparing(PartitionAssignor.MemberSubscription::memberId));
        Map<String, Map<UUID, Set<Integer>>> target = assignor.assign(subs, counts, g.targetAssignment());
        g.setTargetAssignment(target, g.groupEpoch(), assignor.name());
        LOGGER.debug("Group {}: target assignment of epoch {} by {}: {}", g.groupId(), g.groupEpoch(), assignor.name(), target);
    }

    // ---- timers ----

    private static String sessionKey(ConsumerGroup g, String memberId) {
        return "consumer-session-" + g.groupId() + "-" + memberId;
    }

    private static String revocationKey(ConsumerGroup g, String memberId) {
        return "consumer-revocation-" + g.groupId() + "-" + memberId;
    }

    private void scheduleTimers(ConsumerGroup g, ConsumerMember m) {
        scheduleSession(g, m);
        String key = revocationKey(g, m.memberId());
        if (m.state() == MemberState.UNREVOKED_PARTITIONS) {
            if (!ctx.timer().isScheduled(key)) {
                String memberId = m.memberId();
                ctx.timer().schedule(key, Math.max(1, m.rebalanceTimeoutMs()), () -> expire(g, memberId, "did not revoke its partitions in time"));
            }
        } else {
            ctx.timer().cancel(key);
        }
    }

    private void scheduleSession(ConsumerGroup g, ConsumerMember m) {
        String memberId = m.memberId();
        ctx.timer().schedule(sessionKey(g, memberId), ctx.config().consumerSessionTimeoutMs(), () -> expire(g, memberId, "session timed out"));
    }

    private void cancelTimers(ConsumerGroup g, ConsumerMember m) {
        ctx.timer().cancel(sessionKey(g, m.memberId()));
        ctx.timer().cancel(revocationKey(g, m.memberId()));
    }

    private void expire(ConsumerGroup g, String memberId, String reason) {
        ConsumerMember m = ctx.group(g.groupId()) == g && !g.isDead() ? g.member(memberId) : null;
        if (m != null) {
            LOGGER.info("Group {}: member {} {}; removed", g.groupId(), memberId, reason);
            ctx.write(removeMember(g, m, reason));
        }
    }

    /** A consumer group read back from the log: its epoch, no members (they join again). */
    public ConsumerGroup load(String groupId, int epoch) {
        ConsumerGroup g = new ConsumerGroup(groupId, epoch, ctx.nowMs());
        ctx.putGroup(g);
        return g;
    }
}
