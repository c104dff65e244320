package io.tributary.exchanges.vhost;

import io.tributary.exchanges.Arguments;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.TopologyListener;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.ResourceLockedException;
import io.tributary.exchanges.type.ExchangeType;
import io.tributary.exchanges.type.ExchangeTypeRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One virtual host: its exchanges, destinations and bindings.
 *
 * <p>Lookups ({@link #exchange}, {@link #destination}) are lock-free and used on every publish.
 * Topology changes are serialized on one lock and reported to the {@link TopologyListener} in
 * order; each returns a future that completes when the change is durable.
 */
public final class VirtualHost {
    /** Exchanges every virtual host has, as RabbitMQ predeclares them. */
    private static final List<ExchangeDefinition> PREDECLARED = List.of(
            new ExchangeDefinition(null, "", "direct", true, false, false, null),
            new ExchangeDefinition(null, "amq.direct", "direct", true, false, false, null),
            new ExchangeDefinition(null, "amq.fanout", "fanout", true, false, false, null),
            new ExchangeDefinition(null, "amq.topic", "topic", true, false, false, null),
            new ExchangeDefinition(null, "amq.headers", "headers", true, false, false, null),
            new ExchangeDefinition(null, "amq.match", "headers", true, false, false, null));

    private final String name;
    private final ExchangeTypeRegistry types;
    private final TopologyListener listener;
    private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    /** Bindings by what they point at; guarded by {@code this}. */
    private final Map<DestinationId, Set<Binding>> bindingsTo = new HashMap<>();

    public VirtualHost(String name, ExchangeTypeRegistry types, TopologyListener listener) {
        this.name = name;
        this.types = types;
        this.listener = listener;
        for (ExchangeDefinition d : PREDECLARED) {
            ExchangeDefinition def = new ExchangeDefinition(name, d.name(), d.type(), d.durable(), false, false, null);
            exchanges.put(def.name(), new Exchange(def, types.get(def.type())));
        }
    }

    public String name() {
        return name;
    }

    public ExchangeTypeRegistry exchangeTypes() {
        return types;
    }

    /** The exchange, or null. */
    public Exchange exchange(String exchangeName) {
        return exchanges.get(exchangeName);
    }

    /** The destination, or null. */
    public Destination destination(String queueName) {
        return destinations.get(queueName);
    }

    public Exchange requireExchange(String exchangeName) {
        Exchange e = exchanges.get(exchangeName);
        if (e == null) {
            throw new NotFoundException("no exchange '" + exchangeName + "' in vhost '" + name + "'");
        }
        return e;
    }

    public Destination requireDestination(String queueName) {
        Destination d = destinations.get(queueName);
        if (d == null) {
            throw new NotFoundException("no queue '" + queueName + "' in vhost '" + name + "'");
        }
        return d;
    }

    public Collection<Exchange> exchanges() {
        return List.copyOf(exchanges.values());
    }

    public Collection<Destination> destinations() {
        return List.copyOf(destinations.values());
    }

    /** Whether an exchange is one every vhost has ({@code amq.*} and the default); these cannot be deleted. */
    public static boolean isPredeclared(String exchangeName) {
        return PREDECLARED.stream().anyMatch(d -> d.name().equals(exchangeName));
    }

    // ---- exchanges ----------------------------------------------------------------------------

    /** Declares an exchange, or checks that an existing one is equivalent. */
    public synchronized CompletableFuture<Exchange> declareExchange(ExchangeDefinition def) {
        Exchange existing = exchanges.get(def.name());
        if (existing != null) {
            checkEquivalent(existing.definition(), def);
            return CompletableFuture.completedFuture(existing);
        }
        ExchangeType type = types.get(def.type());
        type.validate(def);
        Exchange e = new Exchange(def, type);
        exchanges.put(def.name(), e);
        return listener.exchangeAdded(def).thenApply(v -> e);
    }

    private void checkEquivalent(ExchangeDefinition current, ExchangeDefinition asked) {
        String what = "exchange '" + current.name() + "'";
        inequivalent(what, "type", current.type(), asked.type());
        inequivalent(what, "durable", current.durable(), asked.durable());
        inequivalent(what, "auto_delete", current.autoDelete(), asked.autoDelete());
        inequivalent(what, "internal", current.internal(), asked.internal());
        inequivalentArgument(what, "alternate-exchange", current.arguments(), asked.arguments());
        inequivalentArgument(what, "x-delayed-type", current.arguments(), asked.arguments());
    }

    /** Deletes an exchange and every binding to or from it. */
    public synchronized CompletableFuture<Void> deleteExchange(String exchangeName, boolean ifUnused) {
        Exchange e = exchanges.get(exchangeName);
        if (e == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (exchangeName.isEmpty()) {
            throw new AccessRefusedException("operation not permitted on the default exchange");
        }
        if (exchangeName.startsWith("amq.")) {
            throw new AccessRefusedException("deletion of system exchange '" + exchangeName + "' in vhost '" + name + "' not allowed");
        }
        Set<Binding> incoming = bindingsTo.getOrDefault(DestinationId.exchange(exchangeName), Set.of());
        if (ifUnused && (!e.table().isEmpty() || !incoming.isEmpty())) {
            throw new PreconditionFailedException("exchange '" + exchangeName + "' in vhost '" + name + "' in use");
        }
        return removeExchange(e);
    }

    private CompletableFuture<Void> removeExchange(Exchange e) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Binding b : e.table().bindings()) {
            writes.add(removeBinding(e, b, false));
        }
        for (Binding b : List.copyOf(bindingsTo.getOrDefault(DestinationId.exchange(e.name()), Set.of()))) {
            writes.add(removeBinding(exchanges.get(b.source()), b, true));
        }
        exchanges.remove(e.name());
        e.table().exchangeDeleted();
        writes.add(listener.exchangeRemoved(e.definition()));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    // ---- queues -------------------------------------------------------------------------------

    /**
     * Declares a queue, or checks an existing one: same owner when exclusive, equivalent otherwise.
     *
     * @throws ResourceLockedException when it is another connection's exclusive queue
     * @throws PreconditionFailedException when it exists with other properties
     */
    public synchronized CompletableFuture<Destination> declareQueue(QueueDefinition def, DestinationFactory factory) {
        Destination existing = destinations.get(def.name());
        if (existing != null) {
            QueueDefinition current = existing.definition();
            checkExclusiveAccess(current, def.exclusiveOwner());
            String what = "queue '" + def.name() + "'";
            inequivalent(what, "durable", current.durable(), def.durable());
            inequivalent(what, "exclusive", current.exclusive(), def.exclusive());
            inequivalent(what, "auto_delete", current.autoDelete(), def.autoDelete());
            Set<String> keys = new HashSet<>(current.arguments().keySet());
            keys.addAll(def.arguments().keySet());
            for (String k : keys) {
                inequivalentArgument(what, k, current.arguments(), def.arguments());
            }
            return CompletableFuture.completedFuture(existing);
        }
        Destination d = factory.create(def);
        destinations.put(def.name(), d);
        return d.ready().whenComplete((v, e) -> {
            if (e != null) {
                // one that never became usable (a stream whose topic could not be made) is not declared
                synchronized (this) {
                    destinations.remove(def.name(), d);
                }
            }
        }).thenCompose(v -> listener.queueAdded(def)).thenApply(v -> d);
    }

    /**
     * @throws ResourceLockedException when the queue is exclusive to a connection other than {@code connectionId}
     */
    public void checkExclusiveAccess(QueueDefinition queue, String connectionId) {
        if (queue.exclusive() && !Objects.equals(queue.exclusiveOwner(), connectionId)) {
            throw new ResourceLockedException("cannot obtain exclusive access to locked queue '" + queue.name() + "' in vhost '"
                    + name + "'. It could be originally declared on another connection or the exclusive property value does"
                    + " not match that of the original declaration.");
        }
    }

    /**
     * Removes a destination and its bindings, then tells it it was deleted. Does nothing when the
     * name now belongs to another destination than {@code expected} (it was deleted and redeclared).
     *
     * @return the number of messages the destination dropped
     */
    public CompletableFuture<Long> deleteQueue(Destination expected) {
        CompletableFuture<Void> durable;
        synchronized (this) {
            if (!destinations.remove(expected.name(), expected)) {
                return CompletableFuture.completedFuture(0L);
            }
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (Binding b : List.copyOf(bindingsTo.getOrDefault(DestinationId.queue(expected.name()), Set.of()))) {
                writes.add(removeBinding(exchanges.get(b.source()), b, true));
            }
            writes.add(listener.queueRemoved(expected.definition()));
            durable = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        }
        return expected.deleted().thenCombine(durable, (count, v) -> count);
    }

    // ---- bindings -----------------------------------------------------------------------------

    public synchronized CompletableFuture<Void> bind(Binding b) {
        Exchange source = checkBindable(b);
        source.validateBinding(b);
        if (!source.table().add(b)) {
            return CompletableFuture.completedFuture(null);
        }
        bindingsTo.computeIfAbsent(b.destination(), k -> new HashSet<>()).add(b);
        return listener.bindingAdded(name, b, durable(source, b.destination()));
    }

    /** Removes a binding; removing one that does not exist succeeds, as in RabbitMQ 3.10. */
    public synchronized CompletableFuture<Void> unbind(Binding b) {
        Exchange source = checkBindable(b);
        if (!source.table().bindings().contains(b)) {
            return CompletableFuture.completedFuture(null);
        }
        return removeBinding(source, b, true);
    }

    /** The bindings whose source is the exchange. */
    public Collection<Binding> bindingsFrom(String exchangeName) {
        Exchange e = exchanges.get(exchangeName);
        return e == null ? List.of() : e.table().bindings();
    }

    private Exchange checkBindable(Binding b) {
        if (b.source().isEmpty() || (b.destination().isExchange() && b.destination().name().isEmpty())) {
            throw new AccessRefusedException("operation not permitted on the default exchange");
        }
        Exchange source = requireExchange(b.source());
        if (b.destination().isExchange()) {
            requireExchange(b.destination().name());
        } else {
            requireDestination(b.destination().name());
        }
        return source;
    }

    private boolean durable(Exchange source, DestinationId dest) {
        if (!source.definition().durable()) {
            return false;
        }
        if (dest.isExchange()) {
            Exchange e = exchanges.get(dest.name());
            return e != null && e.definition().durable();
        }
        Destination d = destinations.get(dest.name());
        return d != null && d.definition().durable() && !d.definition().exclusive();
    }

    /** Removes a binding (caller holds the lock) and deletes an auto-delete source left without bindings. */
    private CompletableFuture<Void> removeBinding(Exchange source, Binding b, boolean autoDeleteSource) {
        if (source == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean durable = durable(source, b.destination());
        source.table().remove(b);
        Set<Binding> to = bindingsTo.get(b.destination());
        if (to != null) {
            to.remove(b);
            if (to.isEmpty()) {
                bindingsTo.remove(b.destination());
            }
        }
        CompletableFuture<Void> write = listener.bindingRemoved(name, b, durable);
        if (autoDeleteSource && source.definition().autoDelete() && source.table().isEmpty()
                && exchanges.get(source.name()) == source) {
            return CompletableFuture.allOf(write, removeExchange(source));
        }
        return write;
    }

    // ---- equivalence --------------------------------------------------------------------------

    private void inequivalent(String what, String field, Object current, Object asked) {
        if (!Objects.equals(current, asked)) {
            throw new PreconditionFailedException("inequivalent arg '" + field + "' for " + what + " in vhost '" + name
                    + "': received '" + asked + "' but current is '" + current + "'");
        }
    }

    private void inequivalentArgument(String what, String key, Map<String, Object> current, Map<String, Object> asked) {
        Object c = current.get(key);
        Object a = asked.get(key);
        if (!Arguments.equivalent(c, a)) {
            throw new PreconditionFailedException("inequivalent arg '" + key + "' for " + what + " in vhost '" + name
                    + "': received " + describe(a) + " but current is " + describe(c));
        }
    }

    private static String describe(Object v) {
        return v == null ? "none" : "the value '" + v + "'";
    }
}
