package io.tributary.server.quorum;

import io.tributary.exchanges.error.PreconditionFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Changes a quorum queue's members (RabbitMQ's {@code add_member} / {@code delete_member}), from
 * any node. The Raft group changes first (the source of truth for who votes and holds the log),
 * then the members record that every node follows ({@link QuorumQueue#membersChanged}); the record
 * is replaced only if it is still what the change started from, so of two changes racing one
 * fails and can be retried. A change whose record write was lost (the node died between the two)
 * is finished by calling it again: a group already at the wanted members counts as changed.
 */
final class QuorumMembership {
    private QuorumMembership() {
    }

    /**
     * Adds a replica on node {@code nodeId} (a node of the cluster): that node's server takes the
     * group empty, the leader catches it up and commits the new members. A member counts as added.
     */
    static CompletableFuture<Void> add(QuorumQueue q, QuorumQueueFactory.Shared shared, int nodeId) {
        List<Integer> current = q.members();
        if (current.contains(nodeId)) {
            return CompletableFuture.completedFuture(null);
        }
        List<Integer> cluster = shared.groups().clusterMembers();
        if (!cluster.contains(nodeId)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("node " + nodeId + " is not a node of the cluster " + cluster));
        }
        List<Integer> next = new ArrayList<>(current);
        next.add(nodeId);
        return shared.groups().prepareMember(q.group(), nodeId).thenCompose(x -> change(q, shared, current, List.copyOf(next)));
    }

    /**
     * Removes node {@code nodeId}'s replica: the remaining members commit the change (the removed
     * node may be down), what that node's consumers held returns to the queue, and the node, once
     * it hears of the change, drops its replica and proxies its consumers to a member. The last
     * member cannot be removed; a node that is no member counts as removed.
     */
    static CompletableFuture<Void> remove(QuorumQueue q, QuorumQueueFactory.Shared shared, int nodeId) {
        List<Integer> current = q.members();
        if (!current.contains(nodeId)) {
            return CompletableFuture.completedFuture(null);
        }
        if (current.size() == 1) {
            return CompletableFuture.failedFuture(new PreconditionFailedException("node " + nodeId + " holds the last replica of " + q
                    + "; delete the queue instead"));
        }
        List<Integer> next = List.copyOf(current.stream().filter(n -> n != nodeId).toList());
        // a leader that is removed shuts its own Raft division down, and Ratis 3.3 can hang closing it
        // while the node removes the group: hand leadership to a remaining member first
        CompletableFuture<Void> notLeading = q.currentLeader().thenCompose(leader -> leader == nodeId
                ? shared.groups().transferLeadership(q.group(), current, next.get(0)).exceptionally(e -> null) // a dead leader: go on
                : CompletableFuture.completedFuture(null));
        return notLeading.thenCompose(x -> change(q, shared, current, next)).thenCompose(x -> q.declareDown(nodeId)).thenApply(r -> null);
    }

    private static CompletableFuture<Void> change(QuorumQueue q, QuorumQueueFactory.Shared shared, List<Integer> current, List<Integer> next) {
        return shared.groups().changeMembers(q.group(), current, next)
                .thenCompose(v -> shared.replaceMembers(q.group(), current, next))
                .thenCompose(written -> {
                    if (!written) {
                        return CompletableFuture.failedFuture(new PreconditionFailedException("the members of " + q
                                + " were changed by another call meanwhile (now " + shared.members(q.group()) + "); try again"));
                    }
                    return q.membersChanged(next); // this node at once; the others as they hear of the record
                });
    }
}
