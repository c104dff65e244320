package io.tributary.amqp.v091.session;

import io.tributary.exchanges.message.Message;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.dispatch.QueueConsumer;
import io.tributary.queues.store.QueueEntry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code basic.consume} as its queue sees it. Credit is lock-free: the queue's actor reserves
 * room with {@link #tryReserve} (per-consumer and per-channel prefetch, flow, socket writability);
 * the channel gives it back on ack. A consumer that was refused is {@code blocked} and is woken
 * with {@link ConsumableQueue#consumerReady} when room appears; the flag is set before the condition is
 * checked again, so no wake-up is lost.
 */
final class AmqpConsumer implements QueueConsumer {
    private final Deliveries deliveries;
    private final ConsumableQueue queue;
    private final String tag;
    private final boolean noAck;
    private final int prefetch;
    private final boolean exclusive;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean blocked;
    /** Set on the channel's loop when the consumer is cancelled; later deliveries are requeued. */
    boolean cancelled;

    AmqpConsumer(Deliveries deliveries, ConsumableQueue queue, String tag, boolean noAck, int prefetch, boolean exclusive) {
        this.deliveries = deliveries;
        this.exclusive = exclusive;
        this.queue = queue;
        this.tag = tag;
        this.noAck = noAck;
        this.prefetch = prefetch;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public boolean ackRequired() {
        return !noAck;
    }

    boolean exclusive() {
        return exclusive;
    }

    @Override
    public int prefetch() {
        return prefetch;
    }

    ConsumableQueue queue() {
        return queue;
    }

    @Override
    public boolean tryReserve() {
        for (;;) {
            if (canTake() && reserve()) {
                return true;
            }
            blocked = true;
            if (!canTake()) {
                return false;
            }
            blocked = false;
        }
    }

    private boolean canTake() {
        if (!deliveries.canDeliver()) {
            return false;
        }
        if (noAck) {
            return true;
        }
        int global = deliveries.globalPrefetch();
        return (prefetch == 0 || inFlight.get() < prefetch) && (global == 0 || deliveries.globalInFlight().get() < global);
    }

    private boolean reserve() {
        if (noAck) {
            return true;
        }
        inFlight.incrementAndGet();
        int global = deliveries.globalPrefetch();
        if (deliveries.globalInFlight().incrementAndGet() > global && global > 0) {
            deliveries.globalInFlight().decrementAndGet();
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** {@code n} deliveries of this consumer were settled (channel loop). */
    void settled(int n) {
        inFlight.addAndGet(-n);
    }

    /** Room may have appeared: wake the queue if it gave up on this consumer. */
    void wake() {
        if (blocked) {
            blocked = false;
            queue.consumerReady(this);
        }
    }

    @Override
    public void deliver(ConsumableQueue q, QueueEntry entry, Message message, boolean redelivered) {
        deliveries.connection().runOnLoop(() -> deliveries.deliver(this, entry, message, redelivered));
    }

    @Override
    public void cancelledByQueue(ConsumableQueue q) {
        deliveries.connection().runOnLoop(() -> deliveries.cancelledByQueue(this));
    }
}
