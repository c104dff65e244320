package io.tributary.server.quorum;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Raft groups of quorum queues on this node's Raft server, as the queues use them; implemented
 * over Ratis by {@code server.cluster}. A group is named by its queue ({@code vhost␟name}); every
 * call returns at once.
 */
public interface QuorumGroups {
    /** This node's id. */
    int nodeId();

    /** The nodes of the cluster now, for placing a new queue's members. */
    List<Integer> clusterMembers();

    /** The replica this node's server keeps (or will keep) for group {@code name}. */
    QuorumReplica replica(String name);

    /**
     * Makes sure the group exists on this node (when it is one of {@code members}) and, when
     * {@code everywhere}, asks the other members' servers to create it too (a declaration; a member
     * that cannot be reached creates it when it next starts).
     */
    CompletableFuture<Void> ensure(String name, List<Integer> members, boolean everywhere);

    /**
     * Commits one entry through the group's leader; completes with the reply once a majority has it.
     * {@code members} address the group until {@link #useMembers} names others.
     */
    CompletableFuture<ByteBuffer> submit(String name, List<Integer> members, byte[] entry);

    /**
     * Asks node {@code nodeId}'s server to hold the group with no members yet, so that a membership
     * change can add it: knowing no members, it starts no election of its own and waits for the
     * leader to catch it up (log or snapshot). A node that already holds the group is left as it is.
     */
    CompletableFuture<Void> prepareMember(String name, int nodeId);

    /**
     * Changes the group's members from {@code current} to {@code next} through its leader: Raft's
     * joint consensus, a new member caught up before the change commits. Refused when the group's
     * members are not {@code current} (another change came first), except that a group already at
     * {@code next} counts as changed (a retry after a change whose record was not written).
     */
    CompletableFuture<Void> changeMembers(String name, List<Integer> current, List<Integer> next);

    /**
     * The group's leader as its members report it: this node's own view when it holds a replica,
     * else asked of the members over Raft; -1 when there is none or no member answers.
     */
    CompletableFuture<Integer> askLeader(String name, List<Integer> members);

    /** Has the group's leader hand leadership to member {@code nodeId} (Raft leadership transfer); fails when it did not. */
    CompletableFuture<Void> transferLeadership(String name, List<Integer> members, int nodeId);

    /** Whether this node's server leads the group now. */
    boolean leads(String name);

    /** The node id of the group's leader as this node's replica knows it; -1 when unknown (no replica here, an election). */
    int leaderOf(String name);

    /** On the group's leader: milliseconds since each other member last answered it; elsewhere empty. */
    Map<Integer, Long> silenceMs(String name);

    /**
     * On the cluster's controller (the metadata group's leader): milliseconds since each other
     * node's Raft server last answered it; elsewhere empty. What tells a node that holds no replica
     * of a queue (its {@code basic.get} holders) is gone.
     */
    Map<Integer, Long> nodeSilenceMs();

    /** Removes the group from this node's server and deletes its storage (the queue was deleted). */
    CompletableFuture<Void> removeLocal(String name);

    /** The group's members changed: later submits go to {@code members} (the client of the old ones is closed). */
    void useMembers(String name, List<Integer> members);

    /** Stops the group's client (the queue object goes away; the group stays). */
    void closeClient(String name);
}
