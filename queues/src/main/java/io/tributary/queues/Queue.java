package io.tributary.queues;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.RejectedException;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.queues.actor.SerialExecutor;
import io.tributary.queues.deadletter.DeadLetterer;
import io.tributary.queues.deadletter.Reason;
import io.tributary.queues.dispatch.ConsumerSet;
import io.tributary.queues.dispatch.CreditFlow;
import io.tributary.queues.dispatch.QueueConsumer;
import io.tributary.queues.expiry.ExpiryIndex;
import io.tributary.queues.expiry.QueueLease;
import io.tributary.queues.store.QueueEntry;
import io.tributary.queues.store.QueueStore;
import io.tributary.queues.store.QueueStoreFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A classic queue with RabbitMQ's features: its state lives on one {@link SerialExecutor} (an actor,
 * like RabbitMQ's queue process) and its messages in a {@link QueueStore} journal. Every public
 * method submits a task and returns at once, with a future where there is an answer.
 *
 * <p>Work happens in <em>turns</em>: tasks (publishes, acks, new credit) change state and buffer
 * writes; one turn task then expires what is due, dispatches to consumers, writes the buffered
 * records, delivery marks and acks to the page cache, and only then hands the deliveries over, so a
 * message delivered before a crash is flagged redelivered after it. Persistent messages of a durable
 * queue are confirmed when the flusher has fsynced them.
 *
 * <p>Order: FIFO per priority level, higher levels first; a requeued message goes back to its
 * original place. Dispatch is round-robin over consumers with room, or to the single active one.
 */
public final class Queue implements ConsumableQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(Queue.class);
    /** Mailbox (or, with consumers, backlog growth) above which publishers are asked to pause ({@link CreditFlow}). */
    public static final int FLOW_HIGH = CreditFlow.HIGH;
    /** Publishers resume below this. */
    public static final int FLOW_LOW = CreditFlow.LOW;
    /** Deliveries and expiries per turn, so acks and publishes interleave with a long dispatch. */
    private static final int TURN_BUDGET = 512;
    private static final String X_DELIVERY_COUNT = "x-delivery-count";

    private final QueueDefinition definition;
    private final boolean quorum;
    /** From the arguments, and from the operator policy applied last ({@link #applyPolicy}); replaced on the actor. */
    private volatile QueuePolicy policy;
    private volatile Map<String, Object> effectiveArguments;
    private final QueueEnvironment env;
    private final SerialExecutor actor;
    /** Opened by the actor's first task (it reads and writes files), so set before any other task runs. */
    private QueueStore store;
    private RuntimeException openFailure;
    private final CreditFlow flow = new CreditFlow();
    private final AtomicBoolean dispatchPending = new AtomicBoolean();
    private final Runnable turnTask = this::turn;

    // ---- actor-confined state ----
    private final ConsumerSet consumers;
    private final ExpiryIndex expiry;
    private DeadLetterer deadLetterer;
    private final List<Delivery> handOver = new ArrayList<>();
    private final List<CompletableFuture<Void>> awaitingSync = new ArrayList<>();
    private boolean turnScheduled;
    private boolean hadConsumers;
    private boolean deleted;
    private long unacked;
    private long deadLettering;
    private QueueLease lease;

    // ---- counters: written on the actor, read by anyone (management, declare-ok) ----
    private final QueueCounters counters = new QueueCounters();

    private record Delivery(QueueConsumer consumer, QueueEntry entry, Message message, boolean redelivered) {
    }

    /**
     * Creates the queue and opens its store.
     *
     * @param recover true when the queue is recreated at start-up and its journal is read back
     */
    Queue(QueueDefinition definition, QueueEnvironment env, boolean recover) {
        this.definition = definition;
        this.policy = QueuePolicy.of(definition);
        this.quorum = QueueTypes.isQuorum(definition);
        this.effectiveArguments = definition.arguments();
        this.env = env;
        this.actor = new SerialExecutor(env.executors().get());
        this.consumers = new ConsumerSet(policy.singleActiveConsumer());
        this.expiry = new ExpiryIndex(env.scheduler(), () -> actor.execute(this::expiryTimerFired));
        this.deadLetterer = deadLettererFor(policy);
        this.lease = leaseFor(policy);
        actor.execute(() -> open(recover));
    }

    private DeadLetterer deadLettererFor(QueuePolicy p) {
        return p.deadLetterExchange() == null ? null
                : new DeadLetterer(definition.name(), p.deadLetterExchange(), p.deadLetterRoutingKey(), () -> env.vhosts().get(definition.vhost()));
    }

    private QueueLease leaseFor(QueuePolicy p) {
        return new QueueLease(p.expires(), env.time(), env.scheduler(), actor, consumers::isEmpty, () -> {
            LOGGER.debug("{} unused for {} ms (x-expires): deleting it", this, p.expires());
            env.selfDelete().accept(this);
        });
    }

    /**
     * Applies an operator policy: its arguments ({@code x-message-ttl}, {@code x-dead-letter-exchange},
     * {@code x-max-length}, ... already translated from the policy's keys) count where the queue's own
     * arguments do not set them, as in RabbitMQ. An empty map removes the policy. Takes effect for
     * what happens next (a new TTL applies to messages that arrive from now on); {@code x-max-priority}
     * and {@code x-single-active-consumer} stay as declared.
     */
    public CompletableFuture<Void> applyPolicy(Map<String, Object> policyArguments) {
        return call(() -> {
            Map<String, Object> merged = new LinkedHashMap<>(policyArguments);
            merged.remove("x-max-priority");
            merged.remove("x-single-active-consumer");
            if (quorum) {
                // a policy for every queue may carry keys a quorum queue has no use for: RabbitMQ ignores them there
                QueueArguments.notForQuorum().forEach(merged::remove);
                merged.remove("x-overflow", "reject-publish-dlx");
            }
            merged.putAll(definition.arguments());
            QueueDefinition effective = new QueueDefinition(definition.vhost(), definition.name(), definition.durable(),
                    definition.exclusiveOwner(), definition.autoDelete(), merged);
            QueueArguments.validate(effective);
            QueuePolicy next = QueuePolicy.of(effective);
            if (!next.equals(policy)) {
                policy = next;
                deadLetterer = deadLettererFor(next);
                lease.stop();
                lease = leaseFor(next);
                if (!deleted) {
                    lease.schedule();
                    if (next.hasLengthLimit() && !next.rejectsWhenFull() && store != null) {
                        dropHeadWhileOver(env.time().milliseconds());
                    }
                    scheduleTurn();
                }
            }
            effectiveArguments = effective.arguments();
            return null;
        });
    }

    /** The arguments in force: the declared ones plus those of the applied policy. */
    public Map<String, Object> effectiveArguments() {
        return effectiveArguments;
    }

    private void open(boolean recover) {
        try {
            store = env.stores().open(null, definition.vhost(), definition.name(), definition.durable(), recover,
                    policy.maxPriority(), actor);
        } catch (RuntimeException e) {
            LOGGER.error("The journal of {} cannot be opened; the queue refuses all work", this, e);
            openFailure = e;
            deleted = true;
            return;
        }
        store.takeRecoveredTimers().forEach(expiry::track);
        counters.ready = store.ready();
        lease.schedule();
        scheduleTurn();
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public QueueDefinition definition() {
        return definition;
    }

    public QueuePolicy policy() {
        return policy;
    }

    public QueueCounters counters() {
        return counters;
    }

    // ---- publishing -----------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> accept(Message message) {
        flow.submitted();
        boolean waits = policy.rejectsWhenFull() || (definition.durable() && persistent(message.properties()));
        CompletableFuture<Void> f = waits ? new CompletableFuture<>() : null;
        actor.execute(() -> enqueue(message, f));
        return waits ? f : ACCEPTED;
    }

    /** A quorum queue keeps every message on disk, as RabbitMQ's do; a classic one only persistent ones. */
    private boolean persistent(MessageProperties p) {
        return p.persistent() || quorum;
    }

    @Override
    public boolean congested() {
        return flow.congested();
    }

    @Override
    public void whenUncongested(Runnable task) {
        actor.execute(() -> flow.whenClear(task, deleted));
    }

    private void checkFlow() {
        boolean open = !deleted && store != null;
        flow.update(!open, !consumers.isEmpty(), open ? store.ready() + unacked : 0);
    }

    private void enqueue(Message message, CompletableFuture<Void> confirm) {
        flow.taken();
        if (deleted) {
            if (confirm != null && openFailure != null) {
                confirm.completeExceptionally(openFailure);
            } else {
                complete(confirm);
            }
            return;
        }
        long now = env.time().milliseconds();
        MessageProperties p = message.properties();
        if (policy.rejectsWhenFull() && policy.full(store.ready(), store.readyBytes(), message.bodySize())) {
            if (policy.overflow() == QueuePolicy.Overflow.REJECT_PUBLISH_DLX && deadLetterer != null) {
                deadLetterer.publish(message, Reason.MAXLEN, now);
            }
            if (confirm != null) {
                confirm.completeExceptionally(new RejectedException("queue '" + name() + "' in vhost '" + definition.vhost()
                        + "' is full"));
            }
            scheduleTurn();
            return;
        }
        boolean persistent = persistent(p);
        QueueEntry e;
        try {
            e = store.append(message, new QueueStoreFormat.Meta(persistent, policy.levelOf(message), now,
                    policy.expiresAt(p, now), 0));
        } catch (RuntimeException ex) {
            if (confirm != null) {
                confirm.completeExceptionally(ex);
            }
            return;
        }
        if (e.needsExpiryTimer()) {
            expiry.track(e);
        }
        counters.published++;
        if (confirm != null) {
            if (definition.durable() && persistent) {
                awaitingSync.add(confirm);
                store.confirmWhenSettled(e, confirm);
            } else {
                confirm.complete(null);
            }
        }
        if (policy.hasLengthLimit() && !policy.rejectsWhenFull()) {
            dropHeadWhileOver(now);
        }
        scheduleTurn();
    }

    private static void complete(CompletableFuture<Void> f) {
        if (f != null) {
            f.complete(null);
        }
    }

    private void dropHeadWhileOver(long now) {
        while (policy.over(store.ready(), store.readyBytes())) {
            QueueEntry head = store.peek();
            if (head == null) {
                return;
            }
            deadLetter(head, Reason.MAXLEN, now);
        }
    }

    // ---- consumers ------------------------------------------------------------------------

    /** Adds a consumer. Fails with {@link AccessRefusedException} when exclusivity forbids it. */
    @Override
    public CompletableFuture<Void> consume(QueueConsumer consumer, boolean exclusive) {
        return call(() -> {
            checkNotDeleted();
            if (!consumers.add(consumer, exclusive)) {
                throw new AccessRefusedException("queue '" + name() + "' in vhost '" + definition.vhost() + "' in exclusive use");
            }
            hadConsumers = true;
            counters.consumers = consumers.size();
            lease.used();
            scheduleTurn();
            return null;
        });
    }

    /** Removes a consumer (its unsettled entries stay with its channel). An auto-delete queue left without consumers deletes itself. */
    @Override
    public CompletableFuture<Void> cancel(QueueConsumer consumer) {
        return call(() -> {
            if (consumers.remove(consumer)) {
                counters.consumers = consumers.size();
                lease.used();
                if (consumers.isEmpty() && hadConsumers && definition.autoDelete() && !deleted) {
                    env.selfDelete().accept(this);
                } else {
                    scheduleTurn();
                }
            }
            return null;
        });
    }

    /**
     * A channel went away: its consumers are removed and its unsettled deliveries requeued in one
     * step, so the next consumer (the new single active one) gets those back first, in order.
     */
    @Override
    public void release(List<? extends QueueConsumer> gone, Collection<QueueEntry> unsettled) {
        actor.execute(() -> {
            boolean removed = false;
            for (QueueConsumer c : gone) {
                removed |= consumers.remove(c);
            }
            counters.consumers = consumers.size();
            if (removed) {
                lease.used();
            }
            requeueNow(unsettled);
            if (removed && consumers.isEmpty() && hadConsumers && definition.autoDelete() && !deleted) {
                env.selfDelete().accept(this);
            }
        });
    }

    /** A consumer that refused a delivery has room again. Thread-safe, coalesced. */
    @Override
    public void consumerReady(QueueConsumer consumer) {
        if (dispatchPending.compareAndSet(false, true)) {
            actor.execute(() -> {
                dispatchPending.set(false);
                scheduleTurn();
            });
        }
    }

    /** {@code basic.get}: takes the next message, if any; its delivery mark is written before the answer. */
    @Override
    public CompletableFuture<GetResult> get(boolean ackRequired) {
        return call(() -> {
            checkNotDeleted();
            lease.used();
            long now = env.time().milliseconds();
            expire(now, Integer.MAX_VALUE);
            QueueEntry e = store.peek();
            if (e == null) {
                return new GetResult(null, null, false, 0);
            }
            boolean redelivered = e.deliveries() > 0;
            Message m = takeForDelivery(e, ackRequired);
            store.writeOut();
            scheduleTurn();
            return new GetResult(e, m, redelivered, store.ready());
        });
    }

    /** The queue was redeclared: for {@code x-expires}, it is in use. */
    @Override
    public void redeclared() {
        actor.execute(lease::used);
    }

    // ---- settling -------------------------------------------------------------------------

    /** Settles delivered entries. */
    @Override
    public void ack(Collection<QueueEntry> entries) {
        actor.execute(() -> {
            if (deleted) {
                return;
            }
            for (QueueEntry e : entries) {
                if (e.delivered()) {
                    store.settle(e);
                    unacked--;
                    counters.acked++;
                }
            }
            scheduleTurn();
        });
    }

    /**
     * Puts delivered entries back in their original places, marked redelivered; an entry returned
     * more often than {@code x-delivery-limit} is dead-lettered instead (reason {@code delivery_limit}).
     */
    @Override
    public void requeue(Collection<QueueEntry> entries) {
        actor.execute(() -> requeueNow(entries));
    }

    private void requeueNow(Collection<QueueEntry> entries) {
        if (deleted) {
            return;
        }
        long now = env.time().milliseconds();
        for (QueueEntry e : entries) {
            if (!e.delivered()) {
                continue;
            }
            unacked--;
            if (policy.deliveryLimit() >= 0 && e.deliveries() > policy.deliveryLimit()) {
                deadLetter(e, Reason.DELIVERY_LIMIT, now);
                continue;
            }
            store.requeue(e);
            if (e.expiresAt() != Long.MAX_VALUE) {
                expiry.track(e);
            }
        }
        scheduleTurn();
    }

    /** Rejected without requeue: dead-lettered (reason {@code rejected}), or dropped without a dead-letter exchange. */
    @Override
    public void reject(Collection<QueueEntry> entries) {
        actor.execute(() -> {
            if (deleted) {
                return;
            }
            long now = env.time().milliseconds();
            for (QueueEntry e : entries) {
                if (e.delivered()) {
                    unacked--;
                    deadLetter(e, Reason.REJECTED, now);
                }
            }
            scheduleTurn();
        });
    }

    /** The same as {@link #reject}: AMQP 1.0 calls it the {@code rejected} outcome. */
    @Override
    public void discard(Collection<QueueEntry> entries) {
        reject(entries);
    }

    /**
     * Dead-letters a ready or delivered entry; it is settled once every target accepted the copy.
     * Without a dead-letter exchange it is simply settled.
     */
    private void deadLetter(QueueEntry e, Reason reason, long now) {
        if (e.ready()) {
            store.take(e);
        }
        if (deadLetterer == null) {
            store.settle(e);
            return;
        }
        CompletableFuture<Void> done;
        try {
            done = deadLetterer.publish(store.read(e), reason, now);
        } catch (RuntimeException ex) {
            LOGGER.warn("Dead-lettering a message of {} failed; it is dropped", this, ex);
            store.settle(e);
            return;
        }
        if (done.isDone()) {
            store.settle(e);
            return;
        }
        deadLettering++;
        done.whenComplete((v, x) -> actor.execute(() -> {
            deadLettering--;
            if (!deleted) {
                store.settle(e);
                scheduleTurn();
            }
        }));
    }

    /** Drops every ready message; delivered ones stay with their channels. Completes with the count. */
    @Override
    public CompletableFuture<Long> purge() {
        return call(() -> {
            checkNotDeleted();
            long n = store.purge();
            store.writeOut();
            counters.ready = store.ready();
            return n;
        });
    }

    // ---- the turn -------------------------------------------------------------------------

    private void scheduleTurn() {
        if (!turnScheduled) {
            turnScheduled = true;
            actor.execute(turnTask);
        }
    }

    private void turn() {
        turnScheduled = false;
        if (deleted) {
            return;
        }
        long now = env.time().milliseconds();
        int budget = dispatch(now, TURN_BUDGET);
        budget = expire(now, budget);
        try {
            store.writeOut();
        } catch (RuntimeException e) {
            failAwaiting(e);
        }
        releaseAwaitingSync();
        for (Delivery d : handOver) {
            d.consumer().deliver(this, d.entry(), d.message(), d.redelivered());
        }
        handOver.clear();
        if (budget <= 0) {
            scheduleTurn();
        } else {
            wakeForNextExpiry(now);
        }
        counters.ready = store.ready();
        counters.unacked = unacked;
        checkFlow();
    }

    private int dispatch(long now, int budget) {
        int left = budget;
        while (left > 0 && !consumers.isEmpty()) {
            QueueEntry e = store.peek();
            if (e == null) {
                break;
            }
            left--;
            if (e.expiresAt() < now && !zeroTtlFirstChance(e)) {
                deadLetter(e, Reason.EXPIRED, now);
                continue;
            }
            QueueConsumer c = consumers.nextWithRoom();
            if (c == null) {
                break;
            }
            boolean redelivered = e.deliveries() > 0;
            Message m = takeForDelivery(e, c.ackRequired());
            handOver.add(new Delivery(c, e, m, redelivered));
        }
        return left;
    }

    /**
     * A message with a TTL of 0 goes to a consumer that can take it at once, as in RabbitMQ: the
     * turn after its arrival may offer it before it expires (the expiry pass of the same turn does
     * not spare it).
     */
    private static boolean zeroTtlFirstChance(QueueEntry e) {
        return e.expiresAt() == e.receivedAt() && e.deliveries() == 0;
    }

    /** Takes a ready entry for a consumer or basic.get: counts, delivery mark, and x-delivery-count. */
    private Message takeForDelivery(QueueEntry e, boolean ackRequired) {
        int before = e.deliveries();
        Message m = store.deliver(e, ackRequired);
        counters.delivered++;
        if (before > 0) {
            counters.redelivered++;
            if (policy.deliveryLimit() >= 0) {
                m = withDeliveryCount(m, before);
            }
        }
        if (ackRequired) {
            unacked++;
        }
        return m;
    }

    private static Message withDeliveryCount(Message m, int count) {
        MessageProperties p = m.properties();
        Map<String, Object> h = p.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.headers());
        h.put(X_DELIVERY_COUNT, (long) count);
        return m.republished(p.withHeaders(h), m.exchange(), m.routingKey());
    }

    /** Expires what is due: the out-of-order heap, then each level's head. Returns the budget left. */
    private int expire(long now, int budget) {
        int left = budget;
        QueueEntry e;
        while (left > 0 && (e = expiry.pollDue(now)) != null) {
            deadLetter(e, Reason.EXPIRED, now);
            left--;
        }
        for (int level = policy.maxPriority(); level >= 0 && left > 0; level--) {
            QueueEntry h;
            while (left > 0 && (h = store.peek(level)) != null && h.expiresAt() < now) {
                deadLetter(h, Reason.EXPIRED, now);
                left--;
            }
        }
        return left;
    }

    private void wakeForNextExpiry(long now) {
        long next = expiry.earliest();
        for (int level = policy.maxPriority(); level >= 0; level--) {
            QueueEntry h = store.peek(level);
            if (h != null) {
                next = Math.min(next, h.expiresAt());
            }
        }
        expiry.wakeAt(next, now);
    }

    private void expiryTimerFired() {
        expiry.fired();
        scheduleTurn();
    }

    private void releaseAwaitingSync() {
        if (awaitingSync.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> waiting = List.copyOf(awaitingSync);
        awaitingSync.clear();
        store.whenDurable().whenComplete((v, e) -> {
            for (CompletableFuture<Void> f : waiting) {
                if (e == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(e);
                }
            }
        });
    }

    private void failAwaiting(RuntimeException e) {
        awaitingSync.forEach(f -> f.completeExceptionally(e));
        awaitingSync.clear();
    }

    // ---- deletion, stats, shutdown ----------------------------------------------------------

    /** Checks {@code queue.delete}'s conditions, on the actor. */
    @Override
    public CompletableFuture<Void> checkDeletable(boolean ifUnused, boolean ifEmpty) {
        return call(() -> {
            String q = "queue '" + name() + "' in vhost '" + definition.vhost() + "'";
            if (ifUnused && !consumers.isEmpty()) {
                throw new PreconditionFailedException(q + " in use");
            }
            if (ifEmpty && store != null && store.ready() > 0) {
                throw new PreconditionFailedException(q + " not empty");
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Long> deleted() {
        return call(() -> {
            if (deleted) {
                return 0L;
            }
            long n = store.ready();
            deleted = true;
            stopTimers();
            store.delete();
            counters.ready = 0;
            awaitingSync.forEach(f -> f.complete(null));
            awaitingSync.clear();
            List<QueueConsumer> gone = consumers.clear();
            counters.consumers = 0;
            gone.forEach(c -> c.cancelledByQueue(this));
            checkFlow();
            return n;
        });
    }

    /** Broker shutdown: writes and fsyncs what is pending and closes the journal; the queue stays durable. */
    public CompletableFuture<Void> close() {
        return call(() -> {
            if (!deleted) {
                deleted = true;
                stopTimers();
                store.close();
                failAwaiting(new IllegalStateException("broker shutting down"));
            }
            return null;
        });
    }

    private void stopTimers() {
        expiry.cancel();
        lease.stop();
    }

    /** Counts taken on the actor, so they include everything submitted before. */
    @Override
    public CompletableFuture<QueueStats> stats() {
        return call(() -> new QueueStats(store == null || deleted ? 0 : store.ready(), unacked, consumers.size()));
    }

    private void checkNotDeleted() {
        if (openFailure != null) {
            throw openFailure;
        }
        if (deleted) {
            throw new NotFoundException("no queue '" + name() + "' in vhost '" + definition.vhost() + "'");
        }
    }

    private <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        actor.execute(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public String toString() {
        return "queue '" + name() + "' in vhost '" + definition.vhost() + "'";
    }
}
