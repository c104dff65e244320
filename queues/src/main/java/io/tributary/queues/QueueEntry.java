package io.tributary.queues;

import io.tributary.exchanges.message.Message;

/**
 * One message in one queue, with its position: the sequence number that orders it (a requeued
 * message goes back to its original place). The delivering channel keeps the entry until it is
 * settled and hands it back with {@code ack}, {@code requeue} or {@code reject}. The durable store
 * (next step) adds its segment position here.
 */
public final class QueueEntry {
    private final long seq;
    private final Message message;
    /** Written and read on the queue's executor only. */
    int deliveries;

    QueueEntry(long seq, Message message) {
        this.seq = seq;
        this.message = message;
    }

    public long seq() {
        return seq;
    }

    public Message message() {
        return message;
    }
}
