package io.tributary.server.remote;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.tributary.exchanges.message.Message;
import io.tributary.queues.dispatch.QueueConsumer;
import io.tributary.queues.store.QueueEntry;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * A consumer of this node on a queue held by another: its own channel on the home node with the
 * same prefetch (or {@link RemoteQueue#DEFAULT_PREFETCH} for an unlimited one) and ack mode. What
 * the home delivers waits here until the local consumer has room, then is handed over with a
 * handle naming this holder and the home's delivery tag.
 */
final class ProxiedConsumer extends Holder {
    private record Pending(long tag, Message message, boolean redelivered, boolean persistent) {
    }

    final QueueConsumer local;
    private final RemoteQueue queue;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Set on the actor once the local consume-ok went out; nothing is delivered before. */
    private boolean started;
    /** Cancelled here: deliveries still arriving go back; the channel closes once nothing is held. */
    private volatile boolean cancelled;
    volatile String remoteTag;

    ProxiedConsumer(String key, QueueConsumer local, RemoteQueue queue, Executor pool) {
        super(key, pool);
        this.local = local;
        this.queue = queue;
    }

    /** The amqp-client callback for the channel on the home node. */
    DefaultConsumer callback(Channel ch) {
        return new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                Message m = AmqpMessages.messageOf(envelope, properties, body);
                boolean persistent = properties.getDeliveryMode() != null && properties.getDeliveryMode() == 2;
                boolean held = local.ackRequired(); // no-ack deliveries are settled by the home as it sends them
                if (held) {
                    unsettled.incrementAndGet();
                }
                actor.execute(() -> {
                    if (cancelled) {
                        if (held) {
                            settle(envelope.getDeliveryTag(), Settlement.REQUEUE);
                        }
                        closeIfDone();
                        return;
                    }
                    pending.add(new Pending(envelope.getDeliveryTag(), m, envelope.isRedeliver(), persistent));
                    drain();
                });
            }

            @Override
            public void handleCancel(String tag) {
                // the home node cancelled it (queue deleted there)
                actor.execute(() -> queue.lost(ProxiedConsumer.this));
            }

            @Override
            public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
                if (!cancelled) {
                    actor.execute(() -> queue.lost(ProxiedConsumer.this));
                }
            }
        };
    }

    /** On the actor: the local consume-ok went out. */
    void start() {
        started = true;
        drain();
    }

    /** On the actor: hands the local consumer what it has room for; no-ack deliveries were settled by the home. */
    void drain() {
        while (started && !cancelled && !pending.isEmpty() && local.tryReserve()) {
            Pending p = pending.poll();
            QueueEntry entry = QueueEntry.handle(p.tag(), key, p.redelivered() ? 1 : 0, p.message().bodySize(), p.persistent());
            local.deliver(queue, entry, p.message(), p.redelivered());
        }
    }

    /** On the actor: stops taking deliveries; what waits here goes back; the channel stays while clients hold deliveries. */
    void cancel() {
        cancelled = true;
        Channel ch = channel;
        String tag = remoteTag;
        if (ch != null && ch.isOpen() && tag != null) {
            try {
                ch.basicCancel(tag);
            } catch (java.io.IOException | RuntimeException e) {
                closeChannel();
                return;
            }
        }
        if (local.ackRequired()) {
            for (Pending p : pending) {
                settle(p.tag(), Settlement.REQUEUE);
            }
        }
        pending.clear();
        closeIfDone();
    }

    /** On the actor: once cancelled and nothing is held, the channel goes. */
    void closeIfDone() {
        if (cancelled && unsettled.get() <= 0) {
            closeChannel();
            queue.forget(this);
        }
    }

    boolean cancelled() {
        return cancelled;
    }
}
