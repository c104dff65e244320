package io.tributary.server.quorum;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.RejectedException;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.GetResult;
import io.tributary.queues.QueuePolicy;
import io.tributary.queues.QueueStats;
import io.tributary.queues.actor.SerialExecutor;
import io.tributary.queues.deadletter.DeadLetterer;
import io.tributary.queues.deadletter.Reason;
import io.tributary.queues.dispatch.QueueConsumer;
import io.tributary.queues.quorum.QuorumCommand;
import io.tributary.queues.quorum.QuorumEffect;
import io.tributary.queues.quorum.QuorumLimits;
import io.tributary.queues.store.QueueEntry;
import io.tributary.server.remote.RemoteQueue;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quorum queue as one node serves it: every change is a command committed through the queue's
 * Raft group ({@link QuorumGroups}), and every member applies the same commands to its
 * {@link QuorumReplica}. A publish is confirmed once its {@code Enqueue} is committed (on a
 * majority, fsynced). Consumers of this node are checked out in the group under cluster-unique keys
 * ({@code node/boot/n}); the deliveries the machine gives them arrive as effects when this node
 * applies the entry, and acks, requeues and rejects go back as {@code Settle}, {@code Return} and
 * {@code Discard} commands. {@code basic.get} is a {@code Dequeue} whose reply carries the message,
 * so it works from any node; consuming needs a node that holds a replica.
 *
 * <p>The group's leader does what must happen once: it dead-letters the machine's pending dead
 * letters (and commits {@code DeadLettered} only after the target confirmed them: at least once), and
 * it declares a member down ({@code NodeDown}: its consumers' messages return) once it has not heard
 * from it for {@code nodeDownMs}. A node declares itself down when its replica starts, so consumers of
 * its previous run release what they held.
 *
 * <p>Threads: effects are handed from the Raft apply thread to this queue's serial executor; public
 * methods return at once.
 */
public final class QuorumQueue implements ConsumableQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuorumQueue.class);
    /** Unsettled deliveries a consumer without a prefetch limit may hold in the machine. */
    static final int DEFAULT_CREDIT = 1000;

    private final QueueDefinition definition;
    private final String group;
    private final QuorumQueueFactory.Shared shared;
    private final int node;
    private final String keyPrefix;
    private final SerialExecutor actor;
    private final AtomicLong consumerSeq = new AtomicLong();
    private final Map<String, Local> consumers = new ConcurrentHashMap<>();
    private final Map<QueueConsumer, String> keys = new ConcurrentHashMap<>();
    private final DeadLetterer deadLetterer;
    private final long deliveryLimit;
    private final QuorumLimits limits;
    /** The queue's TTL (and how a message's own expiration combines with it). */
    private final QueuePolicy policy;
    /** An Expire submitted and not yet applied (actor only): one at a time. */
    private boolean expiring;
    /**
     * For {@code x-expires}: when this node last saw the queue used (a consumer checking out, a
     * {@code basic.get}, a redeclaration, all through the log), or became its leader; only the
     * leader acts on it, so a new leader's lease starts afresh (never shorter than the last one's).
     */
    private volatile long lastUsedAt = System.currentTimeMillis();
    /** Whether this node led the group at the last duty round (actor only). */
    private boolean wasLeader;
    /** Dead letters being published now (actor only). */
    private final Set<Long> deadLettering = new HashSet<>();
    /** Members this node declared down and has not heard from since (actor only, on the leader). */
    private final Set<Integer> declaredDown = new HashSet<>();
    private final QuorumReplica.Listener listener = new QuorumReplica.Listener() {
        @Override
        public void applied(Object command, List<QuorumEffect> effects) {
            QuorumQueue.this.applied(command, effects);
        }

        @Override
        public void replaced() {
            QuorumQueue.this.replaced();
        }
    };
    private volatile List<Integer> members;
    private volatile QuorumReplica replica;
    private final CompletableFuture<Void> ready;
    /** Completes once this node's consumers of an earlier run were declared gone; consumers wait for it. */
    private final CompletableFuture<Void> cleaned;
    private volatile boolean deleted;
    /** On a node that is not a member: stand-ins for members its consumers are proxied to, by member node. */
    private final Map<Integer, RemoteQueue> proxies = new ConcurrentHashMap<>();

    /** A consumer of this node and the deliveries it has not taken yet (prefetch full, channel busy). */
    private static final class Local {
        final QueueConsumer consumer;
        final String key;
        final boolean exclusive;
        final ArrayDeque<QuorumEffect.Deliver> pending = new ArrayDeque<>();
        /** Set (on the actor) once the consumer's consume-ok went out; nothing is delivered before. */
        boolean started;

        Local(QueueConsumer consumer, String key, boolean exclusive) {
            this.consumer = consumer;
            this.key = key;
            this.exclusive = exclusive;
        }
    }

    QuorumQueue(QueueDefinition definition, QuorumQueueFactory.Shared shared, List<Integer> knownMembers, long deliveryLimit,
            QuorumLimits limits, DeadLetterer deadLetterer) {
        this.limits = limits;
        this.policy = QueuePolicy.of(definition);
        this.definition = definition;
        this.group = QuorumQueueFactory.groupName(definition.vhost(), definition.name());
        this.shared = shared;
        this.node = shared.groups().nodeId();
        this.keyPrefix = node + "/" + shared.boot() + "/";
        this.actor = new SerialExecutor(shared.executor());
        this.deliveryLimit = deliveryLimit;
        this.deadLetterer = deadLetterer;
        this.members = knownMembers;
        this.ready = knownMembers != null ? join(knownMembers) : declare();
        // every node, member or not: what this node's previous run held (consumers, basic.get holders) goes back
        this.cleaned = ready.thenCompose(v -> submit(new QuorumCommand.NodeDown(node)).thenApply(r -> (Void) null));
        cleaned.exceptionally(e -> {
            if (!deleted) {
                LOGGER.warn("Quorum queue '{}': could not release the consumers of this node's previous run: {}", definition.name(),
                        e.getMessage());
            }
            return null;
        });
    }

    /** A new queue: choose members, record them, create the group on every member, commit its settings. */
    private CompletableFuture<Void> declare() {
        List<Integer> proposed = shared.place(definition);
        return shared.recordMembers(group, proposed).thenCompose(chosen -> {
            members = chosen;
            return shared.groups().ensure(group, chosen, true);
        }).thenCompose(v -> {
            attach();
            return submit(new QuorumCommandFormat.Configure(deliveryLimit, QuorumQueueFactory.singleActiveConsumer(definition), limits));
        }).thenApply(r -> null);
    }

    /**
     * A queue declared before (recovered at start, or declared on another node): make sure this
     * node's replica exists, or, when this node is no member (any more: removed while it was away),
     * that it keeps none.
     */
    private CompletableFuture<Void> join(List<Integer> known) {
        CompletableFuture<Void> held = known.contains(node) ? shared.groups().ensure(group, known, false)
                : shared.groups().removeLocal(group);
        return held.thenRun(this::attach);
    }

    private void attach() {
        if (members.contains(node)) {
            bindReplica();
        }
        shared.startDuties(this);
    }

    private void bindReplica() {
        QuorumReplica r = shared.groups().replica(group);
        r.bind(listener);
        replica = r;
    }

    /** The queue's Raft group name ({@code vhost␟name}), as its members record is keyed. */
    String group() {
        return group;
    }

    // ---- membership (RabbitMQ's add_member / delete_member) ----

    /** Adds a replica on node {@code nodeId} (RabbitMQ's add_member); see {@link QuorumMembership#add}. */
    public CompletableFuture<Void> addMember(int nodeId) {
        return ready.thenCompose(v -> QuorumMembership.add(this, shared, nodeId));
    }

    /** Removes node {@code nodeId}'s replica (RabbitMQ's delete_member); see {@link QuorumMembership#remove}. */
    public CompletableFuture<Void> removeMember(int nodeId) {
        return ready.thenCompose(v -> QuorumMembership.remove(this, shared, nodeId));
    }

    /** Node {@code n} went silent (the controller says): when it is no member, what its {@code basic.get}s held returns. */
    void nodeGone(int n) {
        if (ready.isDone() && !ready.isCompletedExceptionally() && !deleted && !members().contains(n)) {
            declareDown(n);
        }
    }

    /** The group's leader as its members report it (asked over Raft when this node is no member); -1 when none. */
    public CompletableFuture<Integer> currentLeader() {
        return ready.thenCompose(v -> shared.groups().askLeader(group, members()));
    }

    /** Hands the group's leadership to member {@code nodeId} (leader rebalancing). */
    public CompletableFuture<Void> transferLeadership(int nodeId) {
        return ready.thenCompose(v -> shared.groups().transferLeadership(group, members(), nodeId));
    }

    /** Commits that {@code member}'s consumers are gone (their messages return to the queue). */
    CompletableFuture<ByteBuffer> declareDown(int member) {
        return submit(new QuorumCommand.NodeDown(member));
    }

    /**
     * The members record changed (on any node's call): later commands go to the new members; a node
     * that became a member binds its replica (its consumers are served here from now on), one that
     * stopped being one moves its consumers to a member and drops its replica.
     */
    CompletableFuture<Void> membersChanged(List<Integer> next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ready.whenComplete((v, e) -> actor.execute(() -> {
            try {
                List<Integer> before = members;
                if (e != null || deleted || before == null || before.equals(next)) {
                    return;
                }
                members = next;
                shared.groups().useMembers(group, next);
                if (!before.contains(node) && next.contains(node)) {
                    LOGGER.info("Quorum queue '{}': this node is a member now (members {})", definition.name(), next);
                    bindReplica();
                } else if (before.contains(node) && !next.contains(node)) {
                    leave(next);
                }
            } finally {
                done.complete(null);
            }
        }));
        return done;
    }

    /** On the actor: this node is no member any more. */
    private void leave(List<Integer> next) {
        LOGGER.info("Quorum queue '{}': this node is no member any more (members {}); its consumers are proxied to one", definition.name(),
                next);
        QuorumReplica r = replica;
        replica = null;
        if (r != null) {
            r.unbind(listener);
        }
        for (Local l : List.copyOf(consumers.values())) {
            consumers.remove(l.key);
            keys.remove(l.consumer);
            submit(new QuorumCommand.Cancel(l.key)); // what it held goes back (the change's NodeDown does it too)
            CompletableFuture<Void> moved = shared.remote() == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("no link to other nodes"))
                    : proxy().consume(l.consumer, l.exclusive);
            moved.whenComplete((x, err) -> {
                if (err != null) {
                    LOGGER.warn("Quorum queue '{}': a consumer could not be moved to a member ({}); cancelling it", definition.name(),
                            err.getMessage());
                    l.consumer.cancelledByQueue(this);
                }
            });
        }
        shared.groups().removeLocal(group).whenComplete((x, err) -> {
            if (err != null) {
                LOGGER.warn("Quorum queue '{}': removing this node's replica failed: {}", definition.name(), err.getMessage());
            }
        });
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
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** The nodes holding a replica (known once the queue is ready). */
    public List<Integer> members() {
        List<Integer> m = members;
        return m == null ? List.of() : m;
    }

    /** Whether this node's replica leads the queue's group now. */
    public boolean leads() {
        return shared.groups().leads(group);
    }

    /** The node id of the group's leader as this node knows it, -1 when unknown. */
    public int leader() {
        return shared.groups().leaderOf(group);
    }

    // ---- publishing ----

    @Override
    public CompletableFuture<Void> accept(Message message) {
        byte[] record = shared.codec().encode(message);
        long expiresAt = policy.expiresAt(message.properties(), System.currentTimeMillis());
        return submit(new QuorumCommand.Enqueue(record, message.bodySize(), expiresAt)).thenApply(r -> {
            if (QuorumCommandFormat.decodeReply(r).refused()) {
                throw new RejectedException("quorum queue '" + definition.name() + "' in vhost '" + definition.vhost()
                        + "' is full (x-overflow reject-publish)");
            }
            return null;
        });
    }

    // ---- consuming ----

    @Override
    public CompletableFuture<Void> consume(QueueConsumer consumer, boolean exclusive) {
        if (!ready.isDone()) {
            // whether this node holds a replica (serve here) or not (proxy to a member) is known once ready
            return ready.thenCompose(v -> consume(consumer, exclusive));
        }
        if (replica == null && shared.remote() != null && !members().isEmpty()) {
            return proxy().consume(consumer, exclusive);
        }
        if (replica == null) {
            return CompletableFuture.failedFuture(new PreconditionFailedException("quorum queue '" + definition.name() + "' in vhost '"
                    + definition.vhost() + "' has no replica on node " + node + "; consume through one of its members " + members()));
        }
        String key = keyPrefix + consumerSeq.incrementAndGet();
        Local local = new Local(consumer, key, exclusive);
        consumers.put(key, local);
        keys.put(consumer, key);
        int credit = credit(consumer);
        CompletableFuture<Void> done = new CompletableFuture<>();
        cleaned.thenCompose(v -> submit(new QuorumCommand.Checkout(key, node, credit))).whenComplete((v, e) -> {
            if (e != null) {
                consumers.remove(key);
                keys.remove(consumer);
                done.completeExceptionally(e);
                return;
            }
            // the channel answers consume-ok as this completes; deliveries follow it, never precede it
            done.complete(null);
            actor.execute(() -> {
                local.started = true;
                drain(local);
            });
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> cancel(QueueConsumer consumer) {
        RemoteQueue proxy = proxyOf(consumer);
        if (proxy != null) {
            return proxy.cancel(consumer);
        }
        String key = keys.remove(consumer);
        if (key == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        actor.execute(() -> {
            Local local = consumers.remove(key);
            List<Long> undelivered = new ArrayList<>();
            if (local != null) {
                local.pending.forEach(d -> undelivered.add(d.id()));
                local.pending.clear();
            }
            submit(new QuorumCommand.Stop(key));
            CompletableFuture<ByteBuffer> back = undelivered.isEmpty() ? CompletableFuture.completedFuture(null)
                    : submit(new QuorumCommand.Return(key, undelivered));
            back.whenComplete((r, e) -> done.complete(null));
        });
        return done;
    }

    @Override
    public void release(List<? extends QueueConsumer> gone, Collection<QueueEntry> unsettled) {
        for (RemoteQueue proxy : proxies.values()) {
            proxy.release(gone.stream().filter(proxy::serves).toList(), unsettled.stream().filter(proxy::holds).toList());
        }
        Collection<QueueEntry> own = ownEntries(unsettled);
        List<String> goneKeys = new ArrayList<>();
        for (QueueConsumer c : gone) {
            String key = keys.remove(c);
            if (key != null) {
                goneKeys.add(key);
            }
        }
        actor.execute(() -> {
            byHolder(own).forEach((holder, ids) -> submit(new QuorumCommand.Return(holder, ids)));
            for (String key : goneKeys) {
                consumers.remove(key);
                submit(new QuorumCommand.Cancel(key));
            }
        });
    }

    @Override
    public void consumerReady(QueueConsumer consumer) {
        RemoteQueue proxy = proxyOf(consumer);
        if (proxy != null) {
            proxy.consumerReady(consumer);
            return;
        }
        String key = keys.get(consumer);
        if (key != null) {
            actor.execute(() -> {
                Local local = consumers.get(key);
                if (local != null) {
                    drain(local);
                }
            });
        }
    }

    @Override
    public CompletableFuture<GetResult> get(boolean ackRequired) {
        String holder = keyPrefix + "get";
        return submit(new QuorumCommand.Dequeue(holder, node, !ackRequired)).thenApply(b -> {
            QuorumCommandFormat.Reply r = QuorumCommandFormat.decodeReply(b);
            if (r.id() < 0) {
                return new GetResult(null, null, false, 0);
            }
            Message m = shared.codec().decode(r.payload());
            QueueEntry entry = QueueEntry.handle(r.id(), holder, r.deliveryCount(), QuorumMessageCodec.bodySize(r.payload()), true);
            return new GetResult(entry, m, r.deliveryCount() > 0, r.count());
        });
    }

    /** A redeclaration on any node renews the {@code x-expires} lease: through the log, so that the leader hears it. */
    @Override
    public void redeclared() {
        if (policy.expires() >= 0 && !deleted) {
            submit(new QuorumCommand.Touch());
        }
    }

    @Override
    public void ack(Collection<QueueEntry> entries) {
        proxies.values().forEach(p -> p.ack(entries.stream().filter(p::holds).toList()));
        byHolder(ownEntries(entries)).forEach((holder, ids) -> submit(new QuorumCommand.Settle(holder, ids)));
    }

    @Override
    public void requeue(Collection<QueueEntry> entries) {
        proxies.values().forEach(p -> p.requeue(entries.stream().filter(p::holds).toList()));
        byHolder(ownEntries(entries)).forEach((holder, ids) -> submit(new QuorumCommand.Return(holder, ids)));
    }

    @Override
    public void reject(Collection<QueueEntry> entries) {
        proxies.values().forEach(p -> p.reject(entries.stream().filter(p::holds).toList()));
        byHolder(ownEntries(entries)).forEach((holder, ids) -> submit(new QuorumCommand.Discard(holder, ids)));
    }

    @Override
    public void discard(Collection<QueueEntry> entries) {
        reject(entries);
    }

    @Override
    public CompletableFuture<Long> purge() {
        return submit(new QuorumCommand.Purge()).thenApply(b -> QuorumCommandFormat.decodeReply(b).count());
    }

    @Override
    public CompletableFuture<Void> checkDeletable(boolean ifUnused, boolean ifEmpty) {
        if (!ifUnused && !ifEmpty) {
            return CompletableFuture.completedFuture(null);
        }
        // judged from the counts a replica holds: a node that is not a member asks one (see stats)
        return stats().thenCompose(s -> {
            if (ifUnused && s.consumers() > 0) {
                return CompletableFuture.failedFuture(new PreconditionFailedException("queue '" + definition.name() + "' in vhost '"
                        + definition.vhost() + "' in use"));
            }
            if (ifEmpty && s.ready() + s.unacked() > 0) {
                return CompletableFuture.failedFuture(new PreconditionFailedException("queue '" + definition.name() + "' in vhost '"
                        + definition.vhost() + "' not empty"));
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletableFuture<QueueStats> stats() {
        if (!ready.isDone()) {
            return ready.thenCompose(v -> stats());
        }
        if (replica == null && shared.remote() != null && !members().isEmpty()) {
            return proxy().stats(); // a member knows; this node has no replica to ask
        }
        return CompletableFuture.completedFuture(replica == null ? new QueueStats(0, 0, 0) : replica.stats());
    }

    @Override
    public CompletableFuture<Long> deleted() {
        deleted = true;
        long dropped = replica == null ? 0 : replica.stats().ready();
        CompletableFuture<Long> done = new CompletableFuture<>();
        actor.execute(() -> {
            for (Local l : List.copyOf(consumers.values())) {
                l.consumer.cancelledByQueue(this);
            }
            consumers.clear();
            keys.clear();
            close();
            shared.forget(group).thenCompose(v -> shared.groups().removeLocal(group)).whenComplete((v, e) -> {
                if (e != null) {
                    LOGGER.warn("Quorum queue '{}': removing this node's replica failed: {}", definition.name(), e.getMessage());
                }
                done.complete(dropped);
            });
        });
        return done;
    }

    /** The broker stops: this node's consumers go (the group and its data stay). */
    void close() {
        QuorumReplica r = replica;
        if (r != null) {
            r.unbind(listener);
        }
        shared.stopDuties(this);
        shared.groups().closeClient(group);
    }

    // ---- what applying the log makes this node do ----

    /** On the Raft apply thread: hand over to the actor. */
    private void applied(Object command, List<QuorumEffect> effects) {
        if (command instanceof QuorumCommand.Checkout || command instanceof QuorumCommand.Dequeue || command instanceof QuorumCommand.Touch) {
            lastUsedAt = System.currentTimeMillis();
        }
        boolean mine = command instanceof QuorumCommand.NodeDown n && n.node() == node;
        boolean forUs = mine;
        for (QuorumEffect e : effects) {
            if (e instanceof QuorumEffect.Deliver d && d.node() == node || e instanceof QuorumEffect.DeadLetter) {
                forUs = true;
                break;
            }
        }
        if (!forUs || deleted) {
            return;
        }
        actor.execute(() -> {
            Map<String, List<Long>> straysByKey = new LinkedHashMap<>();
            for (QuorumEffect e : effects) {
                if (e instanceof QuorumEffect.Deliver d && d.node() == node) {
                    Local local = consumers.get(d.consumer());
                    if (local != null) {
                        local.pending.add(d);
                    } else if (d.consumer().startsWith(keyPrefix)) {
                        // a consumer of this run that was cancelled meanwhile: give it back
                        straysByKey.computeIfAbsent(d.consumer(), k -> new ArrayList<>()).add(d.id());
                    }
                }
            }
            straysByKey.forEach((key, ids) -> submit(new QuorumCommand.Return(key, ids)));
            for (Local local : consumers.values()) {
                if (!local.pending.isEmpty()) {
                    drain(local);
                }
            }
            if (mine && cleaned.isDone()) {
                // declared down while it was away (paused, cut off): its live consumers take messages again
                consumers.values().forEach(l -> submit(new QuorumCommand.Checkout(l.key, node, credit(l.consumer))));
            }
            if (effects.stream().anyMatch(e -> e instanceof QuorumEffect.DeadLetter)) {
                leaderDuties(false);
            }
        });
    }

    /**
     * A snapshot from the leader replaced this member's state: deliveries to this node's consumers
     * may have been skipped, so nothing here knows what they hold. Give all of it back (NodeDown of
     * this node: at least once, as if the leader had declared it down) and, when that is applied,
     * the live consumers check out again.
     */
    private void replaced() {
        if (deleted) {
            return;
        }
        actor.execute(() -> {
            LOGGER.info("Quorum queue '{}': caught up from a snapshot; this node's consumers start over", definition.name());
            consumers.values().forEach(l -> l.pending.clear());
            if (cleaned.isDone()) {
                submit(new QuorumCommand.NodeDown(node));
            }
        });
    }

    /** Hands the consumer what it has room for; no-ack deliveries are settled at once. */
    private void drain(Local local) {
        List<Long> autoSettled = new ArrayList<>();
        while (local.started && !local.pending.isEmpty() && consumers.get(local.key) == local && local.consumer.tryReserve()) {
            QuorumEffect.Deliver d = local.pending.poll();
            byte[] record = (byte[]) d.payload();
            Message m;
            try {
                m = shared.codec().decode(record);
            } catch (IllegalArgumentException e) {
                LOGGER.error("Quorum queue '{}': message {} cannot be decoded ({}); discarding it", definition.name(), d.id(), e.getMessage());
                submit(new QuorumCommand.Discard(local.key, List.of(d.id())));
                continue;
            }
            QueueEntry entry = QueueEntry.handle(d.id(), local.key, d.deliveryCount(), QuorumMessageCodec.bodySize(record), true);
            local.consumer.deliver(this, entry, m, d.redelivered());
            if (!local.consumer.ackRequired()) {
                autoSettled.add(d.id());
            }
        }
        if (!autoSettled.isEmpty()) {
            submit(new QuorumCommand.Settle(local.key, autoSettled));
        }
    }

    /**
     * On the actor, periodically and after dead letters were applied: when this node leads the
     * group, dead-letter what is pending and declare silent members down.
     */
    void leaderDuties(boolean checkMembers) {
        if (deleted || replica == null || !leads()) {
            deadLettering.clear();
            declaredDown.clear();
            wasLeader = false;
            return;
        }
        long now = System.currentTimeMillis();
        if (!wasLeader) {
            wasLeader = true;
            lastUsedAt = Math.max(lastUsedAt, now); // a new leader's lease starts now
        }
        if (policy.expires() >= 0 && replica.stats().consumers() == 0 && now - lastUsedAt >= policy.expires()) {
            expireQueue();
            return;
        }
        if (!expiring && replica.headExpiresAt() <= now) {
            // the leader's clock decides, through the log, so that every member expires the same messages
            expiring = true;
            submit(new QuorumCommand.Expire(now)).whenComplete((r, e) -> actor.execute(() -> expiring = false));
        }
        for (QuorumEffect.DeadLetter d : shared.vhostsReady() ? replica.pendingDeadLetters() : List.<QuorumEffect.DeadLetter>of()) {
            if (deadLettering.add(d.id())) {
                deadLetter(d);
            }
        }
        if (!checkMembers) {
            return;
        }
        Map<Integer, Long> silence = shared.groups().silenceMs(group);
        silence.forEach((member, ms) -> {
            if (ms > shared.nodeDownMs()) {
                if (declaredDown.add(member)) {
                    LOGGER.info("Quorum queue '{}': node {} silent for {} ms; its consumers' messages return to the queue",
                            definition.name(), member, ms);
                    submit(new QuorumCommand.NodeDown(member));
                }
            } else {
                declaredDown.remove(member);
            }
        });
    }

    /** Unused for {@code x-expires}: the leader deletes the queue (its record goes, and every node follows). */
    private void expireQueue() {
        VirtualHosts vhosts = shared.vhostsReady() ? shared.vhosts() : null;
        VirtualHost vh = vhosts == null ? null : vhosts.get(definition.vhost());
        if (vh != null && vh.destination(definition.name()) == this) {
            LOGGER.info("Quorum queue '{}' in vhost '{}' unused for {} ms (x-expires): deleting it", definition.name(), definition.vhost(),
                    policy.expires());
            vh.deleteQueue(this);
        }
    }

    private static Reason reasonOf(String name) {
        for (Reason r : Reason.values()) {
            if (r.text().equals(name)) {
                return r;
            }
        }
        return Reason.REJECTED;
    }

    private void deadLetter(QuorumEffect.DeadLetter d) {
        CompletableFuture<Void> published;
        if (deadLetterer == null) {
            published = CompletableFuture.completedFuture(null);
        } else {
            try {
                Message m = shared.codec().decode((byte[]) d.payload());
                Reason reason = reasonOf(d.reason());
                published = deadLetterer.publish(m, reason, System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOGGER.error("Quorum queue '{}': dead letter {} could not be routed: {}", definition.name(), d.id(), e.getMessage());
                published = CompletableFuture.completedFuture(null);
            }
        }
        published.thenCompose(v -> submit(new QuorumCommand.DeadLettered(List.of(d.id()))))
                .whenComplete((v, e) -> actor.execute(() -> deadLettering.remove(d.id())));
    }

    Runnable dutiesTask() {
        return () -> actor.execute(() -> leaderDuties(true));
    }

    private CompletableFuture<ByteBuffer> submit(Object command) {
        List<Integer> m = members;
        if (m == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("quorum queue '" + definition.name() + "' is not ready"));
        }
        return shared.groups().submit(group, m, QuorumCommandFormat.encode(command));
    }

    /** What the machine may hand a consumer unsettled: its prefetch, or {@link #DEFAULT_CREDIT} without one. */
    private static int credit(QueueConsumer consumer) {
        return consumer.prefetch() > 0 ? consumer.prefetch() : DEFAULT_CREDIT;
    }

    /**
     * The member this node's consumers are proxied to when it is not one: the group's leader as
     * far as this node knows (it commits what they settle without another hop), else the first.
     */
    private RemoteQueue proxy() {
        List<Integer> m = members();
        int leader = leader();
        int target = m.contains(leader) ? leader : m.get(0);
        return proxies.computeIfAbsent(target, n -> shared.remote().create(definition, n));
    }

    private RemoteQueue proxyOf(QueueConsumer consumer) {
        for (RemoteQueue p : proxies.values()) {
            if (p.serves(consumer)) {
                return p;
            }
        }
        return null;
    }

    /** The entries this node's replica handed out (not those of a proxied consumer). */
    private Collection<QueueEntry> ownEntries(Collection<QueueEntry> entries) {
        if (proxies.isEmpty()) {
            return entries;
        }
        return entries.stream().filter(e -> proxies.values().stream().noneMatch(p -> p.holds(e))).toList();
    }

    private static Map<String, List<Long>> byHolder(Collection<QueueEntry> entries) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (QueueEntry e : entries) {
            if (e.holder() != null) {
                out.computeIfAbsent(e.holder(), k -> new ArrayList<>()).add(e.handleId());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "quorum queue '" + definition.name() + "' in vhost '" + definition.vhost() + "'";
    }
}
