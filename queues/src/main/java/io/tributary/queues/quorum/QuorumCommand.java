package io.tributary.queues.quorum;

import java.util.List;

/**
 * What a quorum queue's Raft log holds: every change to the queue, applied by every member in log
 * order. Consumers are named by a key unique in the cluster (node, connection, channel, tag).
 */
public sealed interface QuorumCommand {
    /**
     * A published message; {@code payload} is opaque here (the encoded message), {@code size} its
     * body's bytes, {@code expiresAt} when its TTL runs out (epoch ms, by the publishing node's
     * clock; {@link Long#MAX_VALUE}: never).
     */
    record Enqueue(Object payload, long size, long expiresAt) implements QuorumCommand {
        public Enqueue(Object payload, long size) {
            this(payload, size, Long.MAX_VALUE);
        }

        public Enqueue(Object payload) {
            this(payload, 0);
        }
    }

    /**
     * The leader's clock says {@code now}: waiting messages at the head of the queue whose TTL ran
     * out by then are dead-lettered (reason {@code expired}), as RabbitMQ expires them at the head.
     */
    record Expire(long now) implements QuorumCommand {
    }

    /** A consumer on {@code node} starts taking messages, at most {@code prefetch} unsettled (0: no limit). */
    record Checkout(String consumer, int node, int prefetch) implements QuorumCommand {
    }

    /** A consumer stops; what it had not settled returns to the queue (a delivery attempt that failed). */
    record Cancel(String consumer) implements QuorumCommand {
    }

    /**
     * A consumer stops taking messages ({@code basic.cancel}) but keeps what it holds until it settles
     * or returns it, as an AMQP channel may still acknowledge deliveries of a cancelled consumer.
     */
    record Stop(String consumer) implements QuorumCommand {
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

    /**
     * {@code basic.get}: takes the next waiting message, if any. Settled at once ({@code settled}, no
     * ack wanted) or held by {@code consumer}, a holder that never gets deliveries pushed, until it is
     * settled, returned or discarded like any delivery.
     */
    record Dequeue(String consumer, int node, boolean settled) implements QuorumCommand {
    }

    /** The dead-lettered messages {@code ids} reached their target (or were dropped): they leave the queue for good. */
    record DeadLettered(List<Long> ids) implements QuorumCommand {
    }

    /**
     * The queue was used (redeclared) on some node: no change to its state, but the leader hears of
     * it and starts its {@code x-expires} lease over, as a consumer or a {@code basic.get} would.
     */
    record Touch() implements QuorumCommand {
    }

    /** Drops every message not checked out by a consumer. */
    record Purge() implements QuorumCommand {
    }
}
