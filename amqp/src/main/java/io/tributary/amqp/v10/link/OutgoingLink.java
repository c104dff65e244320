package io.tributary.amqp.v10.link;

import io.tributary.amqp.v10.message.OutgoingMessages;
import io.tributary.amqp.v10.session.Amqp10Connection;
import io.tributary.amqp.v10.tx.Transaction;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.message.Message;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.store.QueueEntry;
import io.tributary.queues.dispatch.QueueConsumer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;

/**
 * A client's receiving link on a queue: a {@link QueueConsumer} whose room is the link credit the
 * client granted. The queue's actor reserves credit lock-free ({@link #tryReserve}); the delivery is
 * encoded and sent on the event loop. Deliveries stay unsettled until the client's outcome (see
 * {@link Outcomes}); a pre-settled link ({@code snd-settle-mode settled}) is a no-ack consumer.
 *
 * <p>Credit: {@code reservable} = the link credit minus reservations not yet sent. A reservation the
 * link can no longer honour (credit withdrawn by a drain) is requeued to its place in the queue.
 */
final class OutgoingLink implements QueueConsumer, LinkHandler {
    private final Amqp10Connection conn;
    private final Sender sender;
    private final ConsumableQueue queue;
    private final Destination node;
    private final boolean preSettled;
    private final AtomicInteger reservable = new AtomicInteger();
    private final AtomicInteger reservedUnsent = new AtomicInteger();
    private final Map<Delivery, QueueEntry> unsettled = new LinkedHashMap<>();
    private volatile boolean blocked;
    private volatile boolean active = true;
    private long nextTag;
    private boolean drainPending;

    OutgoingLink(Amqp10Connection conn, Sender sender, ConsumableQueue queue, Destination node) {
        this.conn = conn;
        this.sender = sender;
        this.queue = queue;
        this.node = node;
        this.preSettled = sender.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED;
    }

    // ---- QueueConsumer (queue actor) ----

    @Override
    public String tag() {
        return sender.getName();
    }

    @Override
    public boolean ackRequired() {
        return !preSettled;
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
        return active && reservable.get() > 0 && conn.engine().writable();
    }

    private boolean reserve() {
        if (reservable.decrementAndGet() < 0) {
            reservable.incrementAndGet();
            return false;
        }
        reservedUnsent.incrementAndGet();
        return true;
    }

    @Override
    public void deliver(ConsumableQueue q, QueueEntry entry, Message message, boolean redelivered) {
        conn.engineExecute(() -> send(entry, message, redelivered));
    }

    @Override
    public void cancelledByQueue(ConsumableQueue q) {
        conn.engineExecute(() -> {
            if (active) {
                conn.closeLink(sender, new org.apache.qpid.proton.amqp.transport.ErrorCondition(
                        org.apache.qpid.proton.amqp.transport.AmqpError.RESOURCE_DELETED,
                        "queue '" + q.name() + "' in vhost '" + q.definition().vhost() + "' was deleted"));
            }
        });
    }

    // ---- event loop ----

    private void send(QueueEntry entry, Message message, boolean redelivered) {
        reservedUnsent.decrementAndGet();
        if (!active || sender.getLocalState() != EndpointState.ACTIVE || sender.getCredit() <= 0) {
            if (!preSettled) {
                queue.requeue(List.of(entry));
            }
            return;
        }
        byte[] encoded = OutgoingMessages.encode(message, redelivered, DeliveryFailures.of(entry));
        Delivery d = sender.delivery(nextTag());
        sender.send(encoded, 0, encoded.length);
        if (preSettled) {
            d.settle();
        } else {
            unsettled.put(d, entry);
        }
        sender.advance();
        conn.countDelivered();
    }

    private byte[] nextTag() {
        long t = nextTag++;
        return new byte[] {(byte) (t >>> 56), (byte) (t >>> 48), (byte) (t >>> 40), (byte) (t >>> 32), (byte) (t >>> 24),
            (byte) (t >>> 16), (byte) (t >>> 8), (byte) t};
    }

    /** The client granted credit (or asked to drain it). */
    @Override
    public void flow() {
        if (!active) {
            return;
        }
        reservable.set(Math.max(0, sender.getCredit() - reservedUnsent.get()));
        wake();
        if (sender.getDrain() && sender.getCredit() > 0 && !drainPending) {
            drainPending = true;
            // everything the queue can hand out now arrives before these stats answer
            queue.stats().whenComplete((s, e) -> conn.engineExecute(this::finishDrain));
        }
    }

    private void finishDrain() {
        if (!drainPending || !active || sender.getLocalState() != EndpointState.ACTIVE) {
            return;
        }
        drainPending = false;
        if (sender.getDrain()) {
            reservable.set(0);
            sender.drained();
        }
    }

    private void wake() {
        if (blocked && reservable.get() > 0) {
            blocked = false;
            queue.consumerReady(this);
        }
    }

    @Override
    public void writable() {
        wake();
    }

    /** The client settled or gave an outcome. */
    @Override
    public void delivery(Delivery d) {
        QueueEntry entry = unsettled.get(d);
        if (entry == null) {
            return;
        }
        DeliveryState state = d.getRemoteState();
        if (state instanceof TransactionalState ts) {
            Transaction tx = conn.transactions().require(ts.getTxnId());
            unsettled.remove(d);
            tx.settle(queue, entry, ts.getOutcome() instanceof DeliveryState ds ? ds : null);
            d.settle();
            return;
        }
        if (!d.remotelySettled() && state == null) {
            return;
        }
        unsettled.remove(d);
        Outcomes.apply(queue, entry, state);
        d.settle();
    }

    @Override
    public void remoteDetached() {
        release();
        sender.close();
    }

    /** Stops consuming and requeues what the client has not settled. */
    @Override
    public void release() {
        if (!active) {
            return;
        }
        active = false;
        queue.cancel(this);
        if (!unsettled.isEmpty()) {
            List<QueueEntry> back = new ArrayList<>(unsettled.values());
            unsettled.clear();
            back.forEach(DeliveryFailures::increment);
            queue.requeue(back);
        }
        if (node != null) {
            conn.exclusiveQueueDeleted(node);
            conn.vhostRef().deleteQueue(node);
        }
    }
}
