package io.tributary.kafka.group.consumer;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Moves a member toward its target assignment one safe step at a time (Kafka's
 * {@code CurrentAssignmentBuilder}): first it must revoke what its target no longer holds, keeping
 * its epoch until it reports the revocation; then it moves to the target's epoch and receives the
 * new partitions that no other member owns any more, the rest following as their owners revoke them.
 */
final class Reconciler {
    private Reconciler() {
    }

    /**
     * Advances {@code m} within {@code g}.
     *
     * @param owned the partitions the member reported owning in this heartbeat, or null
     */
    static void reconcile(ConsumerGroup g, ConsumerMember m, Map<UUID, Set<Integer>> owned) {
        switch (m.state()) {
            case STABLE:
                if (m.memberEpoch() != g.assignmentEpoch()) {
                    nextAssignment(g, m);
                }
                break;
            case UNREVOKED_PARTITIONS:
                if (owned != null && !Assignments.overlaps(owned, m.pendingRevocation())) {
                    g.release(m, m.pendingRevocation());
                    m.noteReleased(m.pendingRevocation());
                    m.setPendingRevocation(Map.of());
                    nextAssignment(g, m);
                }
                break;
            case UNRELEASED_PARTITIONS:
                nextAssignment(g, m);
                break;
            default:
                throw new IllegalStateException("unknown member state " + m.state());
        }
    }

    private static void nextAssignment(ConsumerGroup g, ConsumerMember m) {
        Map<UUID, Set<Integer>> target = g.targetOf(m.memberId());
        Map<UUID, Set<Integer>> kept = Assignments.intersect(m.assigned(), target);
        Map<UUID, Set<Integer>> revoking = Assignments.minus(m.assigned(), target);
        if (!revoking.isEmpty()) {
            m.setAssigned(kept);
            m.setPendingRevocation(Assignments.copy(merge(m.pendingRevocation(), revoking)));
            m.setState(MemberState.UNREVOKED_PARTITIONS);
            return;
        }
        Map<UUID, Set<Integer>> next = Assignments.copy(kept);
        boolean unreleased = false;
        for (Map.Entry<UUID, Set<Integer>> e : Assignments.minus(target, m.assigned()).entrySet()) {
            for (int p : e.getValue()) {
                String owner = g.owner(e.getKey(), p);
                if (owner == null || owner.equals(m.memberId())) {
                    Assignments.add(next, e.getKey(), p);
                } else {
                    unreleased = true;
                }
            }
        }
        m.setAssigned(next);
        g.claim(m, next);
        m.setEpoch(g.assignmentEpoch());
        m.noteAssigned(next, m.memberEpoch());
        m.setState(unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE);
    }

    private static Map<UUID, Set<Integer>> merge(Map<UUID, Set<Integer>> a, Map<UUID, Set<Integer>> b) {
        Map<UUID, Set<Integer>> out = new TreeMap<>(Assignments.copy(a));
        b.forEach((t, ps) -> ps.forEach(p -> Assignments.add(out, t, p)));
        return out;
    }
}
