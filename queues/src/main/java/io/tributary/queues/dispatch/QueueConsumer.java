package io.tributary.queues.dispatch;

import io.tributary.exchanges.message.Message;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.store.QueueEntry;

/**
 * A consumer as a queue sees it; the protocol layer implements it (an AMQP 0-9-1 {@code basic.consume},
 * later an AMQP 1.0 link). Every method is called on the queue's executor and must not block.
 */
public interface QueueConsumer {
    String tag();

    /** False for no-ack consumers: a delivery is settled the moment it is handed over. */
    boolean ackRequired();

    /**
     * Reserves room for one delivery, or says there is none now (prefetch window full, flow
     * stopped, socket not writable). A consumer that said no calls {@link Queue#consumerReady} once
     * it has room again.
     */
    boolean tryReserve();

    /**
     * Hands over one delivery (room was reserved). {@code entry} is the handle to settle it with;
     * {@code message} is what to send. Hand it to the consumer's own thread; do not block.
     */
    void deliver(ConsumableQueue queue, QueueEntry entry, Message message, boolean redelivered);

    /**
     * The most unsettled deliveries it takes (AMQP 0-9-1's {@code basic.qos} prefetch count), 0 for
     * no limit: a quorum queue hands a consumer no more than that, so messages spread fairly over
     * consumers on several nodes.
     */
    default int prefetch() {
        return 0;
    }

    /** The queue was deleted: the consumer is gone (AMQP: broker-initiated {@code basic.cancel}). */
    void cancelledByQueue(ConsumableQueue queue);
}
