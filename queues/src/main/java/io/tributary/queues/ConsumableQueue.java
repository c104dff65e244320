package io.tributary.queues;

import io.tributary.exchanges.Destination;
import io.tributary.queues.dispatch.QueueConsumer;
import io.tributary.queues.store.QueueEntry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A queue as the protocols use it: consumers with credit, {@code basic.get}, settling delivered
 * entries, purge, delete checks and statistics. The AMQP 0-9-1 and 1.0 layers see only this, so a
 * queue kept another way than {@link Queue}'s journal on one node (a quorum queue on Raft, ADR 007)
 * can stand in for it. Every method returns at once; answers come as futures.
 */
public interface ConsumableQueue extends Destination {
    /** Adds a consumer. Fails with {@code AccessRefusedException} when exclusivity forbids it. */
    CompletableFuture<Void> consume(QueueConsumer consumer, boolean exclusive);

    /** Removes a consumer (its unsettled entries stay with its channel). */
    CompletableFuture<Void> cancel(QueueConsumer consumer);

    /** A channel went away: its consumers go and its unsettled deliveries are requeued, in one step. */
    void release(List<? extends QueueConsumer> gone, Collection<QueueEntry> unsettled);

    /** A consumer that refused a delivery has room again. Thread-safe, coalesced. */
    void consumerReady(QueueConsumer consumer);

    /** {@code basic.get}: takes the next message, if any. */
    CompletableFuture<GetResult> get(boolean ackRequired);

    /** The queue was redeclared: for {@code x-expires}, it is in use. */
    void redeclared();

    /** Settles delivered entries. */
    void ack(Collection<QueueEntry> entries);

    /** Puts delivered entries back, marked redelivered (dead-lettered past {@code x-delivery-limit}). */
    void requeue(Collection<QueueEntry> entries);

    /** Rejected without requeue: dead-lettered (reason {@code rejected}), or dropped. */
    void reject(Collection<QueueEntry> entries);

    /** AMQP 1.0's {@code rejected} outcome: as {@link #reject}. */
    void discard(Collection<QueueEntry> entries);

    /** Drops every ready message; delivered ones stay with their channels. Completes with the count. */
    CompletableFuture<Long> purge();

    /** Fails with {@code PreconditionFailedException} when {@code if-unused} / {@code if-empty} forbid deleting it now. */
    CompletableFuture<Void> checkDeletable(boolean ifUnused, boolean ifEmpty);

    /** Depth, consumers and rates as of now. */
    CompletableFuture<QueueStats> stats();
}
