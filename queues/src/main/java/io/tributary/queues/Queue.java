package io.tributary.queues;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.message.Message;
import io.tributary.queues.actor.SerialExecutor;
import io.tributary.queues.dispatch.QueueConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A FIFO queue. All of its state lives on one {@link SerialExecutor} (an actor, like RabbitMQ's
 * queue process): every public method submits a task and returns at once, with a future where
 * there is an answer. Publishers, channels and the virtual host never touch the state directly.
 *
 * <p>Order: messages are delivered in arrival order; a requeued message goes back to its original
 * place (before every message that arrived after it), marked redelivered. Dispatch is round-robin
 * over the consumers that have room ({@link QueueConsumer#tryReserve}).
 */
public final class Queue implements Destination {
    /** Messages (in the mailbox, ready or unacked) above which publishers are asked to pause. */
    public static final int FLOW_HIGH = 2_000;
    /** Publishers resume when the backlog falls below this. */
    public static final int FLOW_LOW = FLOW_HIGH / 2;

    private final QueueDefinition definition;
    private final SerialExecutor actor;
    private final Consumer<Queue> autoDelete;
    private final AtomicBoolean dispatchPending = new AtomicBoolean();
    /** Messages accepted but not yet enqueued by the actor. */
    private final AtomicLong inbox = new AtomicLong();
    private final Runnable dispatchTask = () -> {
        dispatchPending.set(false);
        dispatch();
    };

    // ---- actor-confined state ----
    private final ArrayDeque<QueueEntry> ready = new ArrayDeque<>();
    /** Requeued entries, by original position; always ahead of {@link #ready}. */
    private final PriorityQueue<QueueEntry> returned = new PriorityQueue<>(Comparator.comparingLong(QueueEntry::seq));
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private int roundRobin;
    private boolean exclusiveConsumer;
    private boolean hadConsumers;
    private boolean deleted;
    private long nextSeq;
    private final List<Runnable> uncongestedWaiters = new ArrayList<>();

    // ---- counters: written on the actor, read by anyone (management, declare-ok) ----
    private final QueueCounters counters = new QueueCounters();

    /**
     * @param executor the shared executor this queue's actor runs on
     * @param autoDelete called (on the actor) when an auto-delete queue loses its last consumer
     */
    public Queue(QueueDefinition definition, Executor executor, Consumer<Queue> autoDelete) {
        this.definition = definition;
        this.actor = new SerialExecutor(executor);
        this.autoDelete = autoDelete;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public QueueDefinition definition() {
        return definition;
    }

    public QueueCounters counters() {
        return counters;
    }

    @Override
    public CompletableFuture<Void> accept(Message message) {
        inbox.incrementAndGet();
        actor.execute(() -> enqueue(message));
        return ACCEPTED;
    }

    @Override
    public boolean congested() {
        return inbox.get() + counters.ready + counters.unacked > FLOW_HIGH;
    }

    @Override
    public void whenUncongested(Runnable task) {
        actor.execute(() -> {
            if (deleted || backlog() < FLOW_LOW) {
                task.run();
            } else {
                uncongestedWaiters.add(task);
            }
        });
    }

    private long backlog() {
        return inbox.get() + readyCount() + counters.unacked;
    }

    /** Releases paused publishers once the backlog is low again (on the actor). */
    private void checkFlow() {
        if (!uncongestedWaiters.isEmpty() && (deleted || backlog() < FLOW_LOW)) {
            List<Runnable> ready = List.copyOf(uncongestedWaiters);
            uncongestedWaiters.clear();
            ready.forEach(Runnable::run);
        }
    }

    private void enqueue(Message message) {
        inbox.decrementAndGet();
        if (deleted) {
            return;
        }
        ready.addLast(new QueueEntry(nextSeq++, message));
        counters.published++;
        counters.ready = readyCount();
        dispatch();
    }

    /** Adds a consumer. Fails with {@link AccessRefusedException} when exclusivity forbids it. */
    public CompletableFuture<Void> consume(QueueConsumer consumer, boolean exclusive) {
        return call(() -> {
            checkNotDeleted();
            if (exclusiveConsumer || (exclusive && !consumers.isEmpty())) {
                throw new AccessRefusedException("queue '" + name() + "' in vhost '" + definition.vhost() + "' in exclusive use");
            }
            consumers.add(consumer);
            exclusiveConsumer = exclusive;
            hadConsumers = true;
            counters.consumers = consumers.size();
            scheduleDispatch();
            return null;
        });
    }

    /** Removes a consumer (its unsettled entries stay with its channel). An auto-delete queue left without consumers deletes itself. */
    public CompletableFuture<Void> cancel(QueueConsumer consumer) {
        return call(() -> {
            if (consumers.remove(consumer)) {
                exclusiveConsumer = false;
                counters.consumers = consumers.size();
                if (consumers.isEmpty() && hadConsumers && definition.autoDelete() && !deleted) {
                    autoDelete.accept(this);
                }
            }
            return null;
        });
    }

    /** A consumer that refused a delivery has room again. Thread-safe, coalesced. */
    public void consumerReady(QueueConsumer consumer) {
        scheduleDispatch();
    }

    private void scheduleDispatch() {
        if (dispatchPending.compareAndSet(false, true)) {
            actor.execute(dispatchTask);
        }
    }

    /** {@code basic.get}: takes the next message, if any. */
    public CompletableFuture<GetResult> get(boolean ackRequired) {
        return call(() -> {
            checkNotDeleted();
            QueueEntry e = poll();
            if (e == null) {
                return new GetResult(null, false, 0);
            }
            boolean redelivered = handOut(e, ackRequired);
            return new GetResult(e, redelivered, readyCount());
        });
    }

    /** Settles delivered entries. */
    public void ack(Collection<QueueEntry> entries) {
        actor.execute(() -> {
            counters.unacked -= entries.size();
            counters.acked += entries.size();
            checkFlow();
        });
    }

    /** Puts delivered entries back in their original places, marked redelivered. */
    public void requeue(Collection<QueueEntry> entries) {
        actor.execute(() -> {
            counters.unacked -= entries.size();
            if (deleted) {
                return;
            }
            returned.addAll(entries);
            counters.ready = readyCount();
            dispatch();
        });
    }

    /** Drops delivered entries that were rejected without requeue (dead-lettering comes here). */
    public void discard(Collection<QueueEntry> entries) {
        actor.execute(() -> {
            counters.unacked -= entries.size();
            checkFlow();
        });
    }

    /** Drops every ready message; delivered ones stay with their channels. Completes with the count. */
    public CompletableFuture<Long> purge() {
        return call(() -> {
            long n = readyCount();
            ready.clear();
            returned.clear();
            counters.ready = 0;
            checkFlow();
            return n;
        });
    }

    /** Checks {@code queue.delete}'s conditions, on the actor. */
    public CompletableFuture<Void> checkDeletable(boolean ifUnused, boolean ifEmpty) {
        return call(() -> {
            String q = "queue '" + name() + "' in vhost '" + definition.vhost() + "'";
            if (ifUnused && !consumers.isEmpty()) {
                throw new PreconditionFailedException(q + " in use");
            }
            if (ifEmpty && readyCount() > 0) {
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
            deleted = true;
            long n = readyCount();
            ready.clear();
            returned.clear();
            counters.ready = 0;
            List<QueueConsumer> gone = List.copyOf(consumers);
            consumers.clear();
            counters.consumers = 0;
            gone.forEach(c -> c.cancelledByQueue(this));
            checkFlow();
            return n;
        });
    }

    /** Counts taken on the actor, so they include everything submitted before. */
    public CompletableFuture<QueueStats> stats() {
        return call(() -> new QueueStats(readyCount(), counters.unacked, consumers.size()));
    }

    // ---- actor internals ----

    private void dispatch() {
        while (!consumers.isEmpty() && readyCount() > 0) {
            QueueConsumer c = nextWithRoom();
            if (c == null) {
                break;
            }
            QueueEntry e = poll();
            boolean redelivered = handOut(e, c.ackRequired());
            c.deliver(this, e, redelivered);
        }
        counters.ready = readyCount();
        checkFlow();
    }

    private boolean handOut(QueueEntry e, boolean ackRequired) {
        boolean redelivered = e.deliveries > 0;
        e.deliveries++;
        counters.delivered++;
        if (redelivered) {
            counters.redelivered++;
        }
        if (ackRequired) {
            counters.unacked++;
        }
        counters.ready = readyCount();
        return redelivered;
    }

    private QueueConsumer nextWithRoom() {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            int idx = (roundRobin + i) % n;
            QueueConsumer c = consumers.get(idx);
            if (c.tryReserve()) {
                roundRobin = (idx + 1) % n;
                return c;
            }
        }
        return null;
    }

    private QueueEntry poll() {
        QueueEntry r = returned.poll();
        return r != null ? r : ready.pollFirst();
    }

    private long readyCount() {
        return ready.size() + returned.size();
    }

    private void checkNotDeleted() {
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
