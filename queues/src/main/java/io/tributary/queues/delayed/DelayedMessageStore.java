package io.tributary.queues.delayed;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.RoutedDestinations;
import io.tributary.exchanges.Router;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.exchanges.type.DelayedMessageExchangeType;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.queues.QueueEnvironment;
import io.tributary.queues.actor.SerialExecutor;
import io.tributary.queues.store.QueueEntry;
import io.tributary.queues.store.QueueStore;
import io.tributary.queues.store.QueueStoreFormat;
import io.tributary.queues.store.QueueStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the messages of one {@code x-delayed-message} exchange until they are due, then routes
 * them through that exchange (their {@code x-delay} negated, so they go straight through). Messages
 * are kept in a journal like a queue's ({@link QueueStore}, in {@code data/queues/.delayed/<vhost>/<exchange>/}):
 * persistent messages sent to a durable exchange are confirmed once fsynced and survive restarts
 * and crashes; a due message is settled only after every queue it was routed to accepted it.
 *
 * <p>In memory: every held message's entry (position and due time), not its body. One timer per
 * store, for the earliest due message, wakes the store's actor; never a sleeping thread.
 */
public final class DelayedMessageStore implements Destination {
    private static final Logger LOGGER = LoggerFactory.getLogger(DelayedMessageStore.class);
    private static final int TURN_BUDGET = 512;
    private static final String KIND = "delayed";

    private final ExchangeDefinition exchange;
    private final Runnable onDeleted;
    private final QueueDefinition pseudo;
    private final QueueEnvironment env;
    private final SerialExecutor actor;
    /** Opened by the actor's first task (file I/O stays off the declaring thread). */
    private QueueStore store;
    private final PriorityQueue<QueueEntry> due = new PriorityQueue<>((a, b) -> a.dueAt() != b.dueAt()
            ? Long.compare(a.dueAt(), b.dueAt()) : Long.compare(a.seq(), b.seq()));
    private final RoutedDestinations routed = new RoutedDestinations();
    private final List<CompletableFuture<Void>> awaitingSync = new ArrayList<>();
    private Future<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private boolean turnScheduled;
    private boolean closed;

    /** @param onDeleted called (on the store's actor) once the exchange's deletion removed the store */
    public DelayedMessageStore(ExchangeDefinition exchange, QueueEnvironment env, boolean recover, Runnable onDeleted) {
        this.exchange = exchange;
        this.onDeleted = onDeleted;
        this.env = env;
        this.pseudo = new QueueDefinition(exchange.vhost(), "x-delayed-message:" + exchange.name(), exchange.durable(), null,
                false, Map.of());
        this.actor = new SerialExecutor(env.executors().get());
        actor.execute(() -> open(recover));
    }

    /** The key of this store's directory ({@link io.tributary.queues.store.QueueStores#keyOf}). */
    public String storeKey() {
        return QueueStores.keyOf(KIND, exchange.vhost(), exchange.name());
    }

    private void open(boolean recover) {
        try {
            store = env.stores().open(KIND, exchange.vhost(), exchange.name(), exchange.durable(), recover, 0, actor);
        } catch (RuntimeException e) {
            LOGGER.error("The store of delayed exchange '{}' in vhost '{}' cannot be opened; its delayed messages are dropped",
                    exchange.name(), exchange.vhost(), e);
            closed = true;
            return;
        }
        QueueEntry e;
        while ((e = store.peek()) != null) {
            store.hold(e);
            due.add(e);
        }
        scheduleTurn();
    }

    @Override
    public String name() {
        return pseudo.name();
    }

    @Override
    public QueueDefinition definition() {
        return pseudo;
    }

    @Override
    public CompletableFuture<Void> accept(Message message) {
        boolean durable = exchange.durable() && message.properties().persistent();
        CompletableFuture<Void> f = durable ? new CompletableFuture<>() : null;
        actor.execute(() -> hold(message, f));
        return durable ? f : ACCEPTED;
    }

    private void hold(Message m, CompletableFuture<Void> confirm) {
        if (closed) {
            if (confirm != null) {
                confirm.complete(null);
            }
            return;
        }
        long now = env.time().milliseconds();
        long delay = Math.max(0, DelayedMessageExchangeType.delayOf(m));
        long dueAt = now + delay < now ? Long.MAX_VALUE : now + delay;
        QueueEntry e;
        try {
            e = store.append(m, new QueueStoreFormat.Meta(m.properties().persistent(), 0, now, Long.MAX_VALUE, dueAt));
        } catch (RuntimeException ex) {
            if (confirm != null) {
                confirm.completeExceptionally(ex);
            }
            return;
        }
        store.hold(e);
        due.add(e);
        if (confirm != null) {
            awaitingSync.add(confirm);
        }
        scheduleTurn();
    }

    private void scheduleTurn() {
        if (!turnScheduled) {
            turnScheduled = true;
            actor.execute(this::turn);
        }
    }

    private void turn() {
        turnScheduled = false;
        if (closed) {
            return;
        }
        long now = env.time().milliseconds();
        int budget = TURN_BUDGET;
        while (budget-- > 0 && !due.isEmpty() && due.peek().dueAt() <= now) {
            release(due.poll(), now);
        }
        store.writeOut();
        if (!awaitingSync.isEmpty()) {
            List<CompletableFuture<Void>> waiting = List.copyOf(awaitingSync);
            awaitingSync.clear();
            store.whenDurable().whenComplete((v, x) -> waiting.forEach(f -> {
                if (x == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(x);
                }
            }));
        }
        if (budget < 0) {
            scheduleTurn();
        } else if (!due.isEmpty()) {
            wakeAt(due.peek().dueAt(), now);
        }
    }

    /** Routes a due message through the exchange; its entry is settled once every target has it. */
    private void release(QueueEntry e, long now) {
        VirtualHost vh = env.vhosts().get(exchange.vhost());
        Exchange x = vh == null ? null : vh.exchange(exchange.name());
        if (x == null) {
            store.settle(e);
            return;
        }
        Message m;
        try {
            m = negateDelay(store.read(e));
        } catch (RuntimeException ex) {
            LOGGER.warn("Cannot read a delayed message of exchange '{}' in vhost '{}'; dropped", exchange.name(), exchange.vhost(), ex);
            store.settle(e);
            return;
        }
        Router.route(vh, x, m, routed);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < routed.size(); i++) {
            CompletableFuture<Void> f = routed.get(i).accept(m);
            if (f != ACCEPTED && !(f.isDone() && !f.isCompletedExceptionally())) {
                pending.add(f.exceptionally(t -> null));
            }
        }
        if (pending.isEmpty()) {
            store.settle(e);
        } else {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> actor.execute(() -> {
                if (!closed) {
                    store.settle(e);
                    scheduleTurn();
                }
            }));
        }
    }

    private static Message negateDelay(Message m) {
        MessageProperties p = m.properties();
        long delay = DelayedMessageExchangeType.delayOf(m);
        if (delay <= 0 || p.headers() == null) {
            return m;
        }
        Map<String, Object> h = new LinkedHashMap<>(p.headers());
        long negated = -delay;
        h.put(DelayedMessageExchangeType.DELAY_HEADER, negated >= Integer.MIN_VALUE ? (Object) (int) negated : (Object) negated);
        return m.republished(p.withHeaders(h), m.exchange(), m.routingKey());
    }

    private void wakeAt(long at, long now) {
        if (timer != null && timerAt <= at && !timer.isDone()) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = at;
        timer = env.scheduler().scheduleOnce("delayed-message", () -> actor.execute(() -> {
            timer = null;
            timerAt = Long.MAX_VALUE;
            scheduleTurn();
        }), Math.max(0, at - now));
    }

    /** Messages held (for tests and management). */
    public CompletableFuture<Integer> held() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        actor.execute(() -> f.complete(due.size()));
        return f;
    }

    /** The exchange was deleted: its held messages go with it. */
    @Override
    public CompletableFuture<Long> deleted() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        actor.execute(() -> {
            long n = due.size();
            if (!closed) {
                closed = true;
                cancelTimer();
                store.delete();
                due.clear();
            }
            onDeleted.run();
            f.complete(n);
        });
        return f;
    }

    /** Broker shutdown: what is pending is written and fsynced; held messages stay for the next start. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        actor.execute(() -> {
            if (!closed) {
                closed = true;
                cancelTimer();
                store.close();
            }
            f.complete(null);
        });
        return f;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
