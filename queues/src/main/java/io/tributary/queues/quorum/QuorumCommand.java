package io.tributary.queues.quorum;

import java.util.List;

/**
 * What a quorum queue's Raft log holds: every change to the queue, applied by every member in log
 * order. Consumers are named by a key unique in the cluster (node, connection, channel, tag).
 */
public sealed interface QuorumCommand {
    /** A published message; {@code payload} is opaque here (the encoded message). */
    record Enqueue(Object payload) implements QuorumCommand {
    }

    /** A consumer on {@code node} starts taking messages, at most {@code prefetch} unsettled (0: no limit). */
    record Checkout(String consumer, int node, int prefetch) implements QuorumCommand {
    }

    /** A consumer stops; what it had not settled returns to the queue (a delivery attempt that failed). */
    record Cancel(String consumer) implements QuorumCommand {
    }

    /** Acknowledged: the messages leave the queue. */
    record Settle(String consumer, List<Long> ids) implements QuorumCommand {
    }

    /** Requeued (nack/reject with requeue): back to the queue, their delivery count one higher. */
    record Return(String consumer, List<Long> ids) implements QuorumCommand {
    }

    /** Rejected without requeue: dead-lettered (or dropped), reason {@code rejected}. */
    record Discard(String consumer, List<Long> ids) implements QuorumCommand {
    }

    /** A node left the cluster or was declared dead: its consumers are cancelled. */
    record NodeDown(int node) implements QuorumCommand {
    }

    /** Drops every message not checked out by a consumer. */
    record Purge() implements QuorumCommand {
    }
}
