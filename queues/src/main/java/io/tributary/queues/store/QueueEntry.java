package io.tributary.queues.store;

import io.tributary.exchanges.message.Message;

/**
 * One message in one queue: where its record lies in the queue's journal, what the queue needs to
 * decide about it without reading it (expiry, size, priority, persistence), and how often it was
 * delivered. A consumer's channel keeps the entry of each unsettled delivery and hands it back with
 * {@code ack}, {@code requeue} or {@code reject}.
 *
 * <p>The entry holds the message itself only while it waits in the queue's in-memory window; a
 * delivered entry does not, so unacknowledged deliveries cost no body memory. Mutable state is
 * confined to the queue's actor.
 *
 * <p>A queue kept elsewhere than in a journal (a quorum queue's Raft log) hands out
 * {@linkplain #handle handles}: entries that only name a message ({@link #handleId()}) and the
 * holder it was delivered to ({@link #holder()}), which channels keep and give back the same way.
 */
public final class QueueEntry {
    static final byte READY = 0;
    static final byte TAKEN = 1;
    static final byte SETTLED = 2;

    final Journal journal;
    final long segment;
    final int position;
    final int size;
    private final int bodySize;
    private final boolean persistent;
    private final long receivedAt;
    private final long expiresAt;
    private final long dueAt;
    /** The expiry cannot be found by looking at the head of the queue: an earlier message expires later. */
    final boolean expiresOutOfOrder;
    int deliveries;
    byte state = READY;
    boolean inWindow;
    Message message;
    /** A handle's message id, -1 for journal entries. */
    private final long handleId;
    /** A handle's holder (the consumer it was delivered to), null for journal entries. */
    private final String holder;
    /** The publisher confirm waiting for this message's fsync, if any; completed early when it is settled first. */
    java.util.concurrent.CompletableFuture<Void> confirm;

    QueueEntry(Journal journal, long segment, int position, int size, int bodySize, QueueStoreFormat.Meta meta,
            boolean expiresOutOfOrder) {
        this.journal = journal;
        this.segment = segment;
        this.position = position;
        this.size = size;
        this.bodySize = bodySize;
        this.persistent = meta.persistent();
        this.receivedAt = meta.receivedAt();
        this.expiresAt = meta.expiresAt();
        this.dueAt = meta.dueAt();
        this.expiresOutOfOrder = expiresOutOfOrder;
        this.handleId = -1;
        this.holder = null;
    }

    private QueueEntry(long handleId, String holder, int deliveries, int bodySize, boolean persistent) {
        this.journal = null;
        this.segment = 0;
        this.position = 0;
        this.size = bodySize;
        this.bodySize = bodySize;
        this.persistent = persistent;
        this.receivedAt = 0;
        this.expiresAt = Long.MAX_VALUE;
        this.dueAt = 0;
        this.expiresOutOfOrder = false;
        this.handleId = handleId;
        this.holder = holder;
        this.deliveries = deliveries;
        this.state = TAKEN;
    }

    /** A delivered message of a queue without a journal: its id there and the consumer that holds it. */
    public static QueueEntry handle(long id, String holder, int deliveries, int bodySize, boolean persistent) {
        return new QueueEntry(id, holder, deliveries, bodySize, persistent);
    }

    /** The message id of a {@link #handle}; -1 for journal entries. */
    public long handleId() {
        return handleId;
    }

    /** The holder of a {@link #handle}; null for journal entries. */
    public String holder() {
        return holder;
    }

    /** Orders entries of one priority level by arrival. */
    public long seq() {
        return (segment << 32) | position;
    }

    /** The priority level (0 for queues without {@code x-max-priority}). */
    public int level() {
        return journal == null ? 0 : journal.level;
    }

    public int bodySize() {
        return bodySize;
    }

    public boolean persistent() {
        return persistent;
    }

    public long receivedAt() {
        return receivedAt;
    }

    /** When it expires, ms since the epoch; {@link Long#MAX_VALUE} for never. */
    public long expiresAt() {
        return expiresAt;
    }

    /** When a delayed message is due, ms since the epoch (delayed-message store only). */
    public long dueAt() {
        return dueAt;
    }

    /** Times it was handed to a consumer, across restarts for persistent messages of durable queues. */
    public int deliveries() {
        return deliveries;
    }

    /** Waiting in the queue (not delivered, not settled). */
    public boolean ready() {
        return state == READY;
    }

    /** Handed to a consumer (or being dead-lettered) and not settled yet. */
    public boolean delivered() {
        return state == TAKEN;
    }

    /** Needs a timer of its own to expire on time (see {@link #expiresOutOfOrder}). */
    public boolean needsExpiryTimer() {
        return expiresOutOfOrder && expiresAt != Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return journal == null ? "QueueEntry[handle " + handleId + " of " + holder + "]" : "QueueEntry[" + segment + ":" + position + ", level " + journal.level + "]";
    }
}
