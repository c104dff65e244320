package io.tributary.server.remote;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.message.Message;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.GetResult;
import io.tributary.queues.QueueStats;
import io.tributary.queues.dispatch.QueueConsumer;
import io.tributary.queues.store.QueueEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue held by another node (its home), as this node's clients use it: publishes routed here
 * are forwarded to the home's queue with publisher confirms (confirmed here when the home
 * confirms); consumers, {@code basic.get}, purge, delete and statistics are proxied over this
 * node's link to the home ({@link NodeLink}), each consumer on a channel of its own. Exclusivity,
 * auto-delete and {@code x-expires} are the home's business. When the home cannot be reached the
 * queue answers as RabbitMQ's does: "home node ... is down or inaccessible".
 */
public final class RemoteQueue implements ConsumableQueue {
    /** The prefetch a proxied consumer asks of the home when the local one has no limit. */
    static final int DEFAULT_PREFETCH = 1000;
    private static final long RPC_TIMEOUT_MS = 10_000;

    private final QueueDefinition definition;
    private final int home;
    private final NodeLink link;
    private final PeerLinks peers;
    private final String description;
    /** Handle holders are unique in the node (a quorum queue may proxy through several of these). */
    private static final AtomicLong KEYS = new AtomicLong();
    private final Map<QueueConsumer, ProxiedConsumer> consumers = new ConcurrentHashMap<>();
    /** Every channel on the home whose deliveries this node's clients may still settle, by handle holder. */
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();
    private final Holder getter;
    private volatile boolean goneAtHome;

    RemoteQueue(QueueDefinition definition, int home, PeerLinks peers) {
        this.definition = definition;
        this.home = home;
        this.peers = peers;
        this.link = peers.link(home, definition.vhost());
        this.description = "queue '" + definition.name() + "' in vhost '" + definition.vhost() + "'";
        this.getter = new Holder(KEYS.incrementAndGet() + "@" + home + ":get", peers.pool());
        holders.put(getter.key, getter);
    }

    /** The node that holds the queue. */
    public int home() {
        return home;
    }

    /** True when {@code entry} was handed out by this queue (for a quorum queue that proxies some consumers). */
    public boolean holds(QueueEntry entry) {
        return entry.holder() != null && holders.containsKey(entry.holder());
    }

    /** True when {@code consumer} consumes through this queue. */
    public boolean serves(QueueConsumer consumer) {
        return consumers.containsKey(consumer);
    }

    /** The home node deleted the queue (this node follows that): nothing is to be deleted there any more. */
    public void goneAtHome() {
        goneAtHome = true;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public QueueDefinition definition() {
        return definition;
    }

    @Override
    public CompletableFuture<Void> accept(Message message) {
        return link.publish(definition.name(), message);
    }

    /** The link to the home has too many publishes waiting for its confirms: publishers wait (the home's own flow control reaches them so). */
    @Override
    public boolean congested() {
        return link.congested();
    }

    @Override
    public void whenUncongested(Runnable task) {
        link.whenUncongested(task);
    }

    // ---- consumers ----

    @Override
    public CompletableFuture<Void> consume(QueueConsumer consumer, boolean exclusive) {
        ProxiedConsumer p = new ProxiedConsumer(KEYS.incrementAndGet() + "@" + home, consumer, this, peers.pool());
        consumers.put(consumer, p);
        holders.put(p.key, p);
        int prefetch = consumer.prefetch() > 0 ? consumer.prefetch() : DEFAULT_PREFETCH;
        CompletableFuture<Void> subscribed = mapped(link.<Void>call(c -> {
            Channel ch = c.createChannel();
            p.channel = ch;
            ch.basicQos(Math.min(prefetch, 65_535));
            p.remoteTag = ch.basicConsume(definition.name(), !consumer.ackRequired(), "", false, exclusive, null, p.callback(ch));
            return null;
        }));
        CompletableFuture<Void> done = new CompletableFuture<>();
        subscribed.whenComplete((v, e) -> {
            if (e != null) {
                consumers.remove(consumer);
                holders.remove(p.key);
                p.actor.execute(p::closeChannel);
                done.completeExceptionally(e);
            } else {
                // the channel answers consume-ok as this completes (queued on its event loop first);
                // deliveries are handed over after it, never before
                done.complete(null);
                p.actor.execute(p::start);
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> cancel(QueueConsumer consumer) {
        ProxiedConsumer p = consumers.remove(consumer);
        if (p == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        p.actor.execute(() -> {
            p.cancel();
            done.complete(null);
        });
        return done;
    }

    @Override
    public void release(List<? extends QueueConsumer> gone, Collection<QueueEntry> unsettled) {
        requeue(unsettled);
        for (QueueConsumer c : gone) {
            ProxiedConsumer p = consumers.remove(c);
            if (p != null) {
                p.actor.execute(() -> {
                    p.cancel();
                    p.closeChannel(); // whatever it still holds goes back to the home's queue
                    forget(p);
                });
            }
        }
    }

    @Override
    public void consumerReady(QueueConsumer consumer) {
        ProxiedConsumer p = consumers.get(consumer);
        if (p != null) {
            p.actor.execute(p::drain);
        }
    }

    /** A proxied consumer's channel or the home's consumer went away: the local consumer is cancelled, as by a deleted queue. */
    void lost(ProxiedConsumer p) {
        if (consumers.remove(p.local, p)) {
            p.local.cancelledByQueue(this);
        }
        p.cancel();
    }

    /** A cancelled consumer's channel closed: its handles mean nothing any more. */
    void forget(Holder h) {
        holders.remove(h.key, h);
    }

    // ---- basic.get and settling ----

    @Override
    public CompletableFuture<GetResult> get(boolean ackRequired) {
        return mapped(link.call(c -> {
            Channel ch = getter.channel;
            if (ch == null || !ch.isOpen()) {
                ch = c.createChannel();
                getter.channel = ch;
            }
            GetResponse r = ch.basicGet(definition.name(), !ackRequired);
            if (r == null) {
                return new GetResult(null, null, false, 0);
            }
            Message m = AmqpMessages.messageOf(r.getEnvelope(), r.getProps(), r.getBody());
            boolean persistent = r.getProps().getDeliveryMode() != null && r.getProps().getDeliveryMode() == 2;
            if (ackRequired) {
                getter.unsettled.incrementAndGet();
            }
            QueueEntry entry = QueueEntry.handle(r.getEnvelope().getDeliveryTag(), getter.key, r.getEnvelope().isRedeliver() ? 1 : 0,
                    r.getBody().length, persistent);
            return new GetResult(entry, m, r.getEnvelope().isRedeliver(), r.getMessageCount());
        }));
    }

    /** A declaration here counts as one at the home (for its {@code x-expires} lease): it is repeated there. */
    @Override
    public void redeclared() {
        if (!definition.arguments().containsKey("x-expires")) {
            return;
        }
        link.call(c -> rpc(c, ch -> ch.queueDeclare(definition.name(), true, false, definition.autoDelete(), definition.arguments())));
    }

    @Override
    public void ack(Collection<QueueEntry> entries) {
        settle(entries, Holder.Settlement.ACK);
    }

    @Override
    public void requeue(Collection<QueueEntry> entries) {
        settle(entries, Holder.Settlement.REQUEUE);
    }

    @Override
    public void reject(Collection<QueueEntry> entries) {
        settle(entries, Holder.Settlement.REJECT);
    }

    @Override
    public void discard(Collection<QueueEntry> entries) {
        settle(entries, Holder.Settlement.REJECT);
    }

    private void settle(Collection<QueueEntry> entries, Holder.Settlement how) {
        for (QueueEntry e : entries) {
            Holder h = holders.get(e.holder());
            if (h == null) {
                continue;
            }
            long tag = e.handleId();
            h.actor.execute(() -> {
                h.settle(tag, how);
                if (h instanceof ProxiedConsumer p) {
                    p.closeIfDone();
                }
            });
        }
    }

    // ---- management ----

    @Override
    public CompletableFuture<Long> purge() {
        return mapped(link.call(c -> rpc(c, ch -> (long) ch.queuePurge(definition.name()).getMessageCount())));
    }

    @Override
    public CompletableFuture<Void> checkDeletable(boolean ifUnused, boolean ifEmpty) {
        return stats().thenAccept(s -> {
            if (ifUnused && s.consumers() > 0) {
                throw new PreconditionFailedException(description + " in use");
            }
            if (ifEmpty && s.ready() > 0) {
                throw new PreconditionFailedException(description + " not empty");
            }
        });
    }

    @Override
    public CompletableFuture<QueueStats> stats() {
        return mapped(link.call(c -> rpc(c, ch -> {
            AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(definition.name());
            return new QueueStats(ok.getMessageCount(), 0, ok.getConsumerCount());
        })));
    }

    @Override
    public CompletableFuture<Long> deleted() {
        CompletableFuture<Long> dropped = goneAtHome ? CompletableFuture.completedFuture(0L)
                : mapped(link.call(c -> rpc(c, ch -> (long) ch.queueDelete(definition.name()).getMessageCount())));
        return dropped.whenComplete((n, e) -> {
            for (ProxiedConsumer p : List.copyOf(consumers.values())) {
                p.actor.execute(() -> lost(p));
            }
        });
    }

    /** A call on a channel of its own (a failed RPC closes its channel), closed afterwards. */
    private static <T> T rpc(com.rabbitmq.client.Connection c, ChannelCall<T> call) throws java.io.IOException, java.util.concurrent.TimeoutException {
        Channel ch = c.createChannel();
        try {
            return call.on(ch);
        } finally {
            if (ch.isOpen()) {
                ch.close();
            }
        }
    }

    private interface ChannelCall<T> {
        T on(Channel ch) throws java.io.IOException;
    }

    private <T> CompletableFuture<T> mapped(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.orTimeout(RPC_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(RemoteFailures.mapped(e, description, home));
            } else {
                out.complete(v);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "RemoteQueue[" + definition.vhost() + "/" + definition.name() + " at node " + home + "]";
    }
}
