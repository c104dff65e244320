package io.tributary.server.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.TopologyListener;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.server.remote.RemoteQueue;
import io.tributary.server.remote.RemoteQueues;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists durable definitions (exchanges, queues, bindings between durable ends) in the metadata
 * store and recreates them at start. Records: kind {@code amqp.exchange} / {@code amqp.queue} keyed
 * by vhost and name, kind {@code amqp.binding} keyed by the binding itself; values are JSON.
 *
 * <p>In a cluster a classic queue's record names its home node ({@code node}, the node it was
 * declared on): that node holds it, the others a {@link RemoteQueue} that reaches it. A record
 * without {@code node} (written before clusters placed classic queues) is held by every node that
 * recovers it, as before.
 */
public final class DefinitionStore implements TopologyListener {
    static final String EXCHANGE = "amqp.exchange";
    static final String QUEUE = "amqp.queue";
    static final String BINDING = "amqp.binding";
    private static final Logger LOGGER = LoggerFactory.getLogger(DefinitionStore.class);
    /** Longest a lookup waits for this node to catch up before it answers from what it has. */
    private static final long CATCH_UP_TIMEOUT_MS = 5_000;
    private static final char SEP = '\u001f';
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final MetadataStore store;
    /** Makes stand-ins for classic queues homed on other nodes; null on a single node. */
    private final RemoteQueues remote;
    /** Classic queues homed on other nodes, by record key: their records are written with that home. */
    private final Map<String, Integer> homes = new java.util.concurrent.ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean recovering;
    /** Applies other nodes' changes, one after another; null while not following. */
    private volatile java.util.concurrent.ExecutorService applier;
    private final CoalescedBarrier catchUps = new CoalescedBarrier(this::catchUpOnce, CATCH_UP_TIMEOUT_MS);

    public DefinitionStore(MetadataStore store) {
        this(store, null);
    }

    public DefinitionStore(MetadataStore store, RemoteQueues remote) {
        this.store = store;
        this.remote = remote;
    }

    /**
     * In a cluster: completes once this node follows every definition completed on any node before
     * the call (the metadata store's read barrier, then the follower's queue of changes), so that a
     * lookup that found nothing can look again before it answers "not found". Concurrent callers
     * share barriers; a barrier that fails or takes over 5 s completes too. At once on a single node.
     */
    public CompletableFuture<Void> caughtUp() {
        if (applier == null) {
            return CompletableFuture.completedFuture(null);
        }
        return catchUps.request();
    }

    private CompletableFuture<Void> catchUpOnce() {
        return store.catchUp().thenCompose(v -> {
            CompletableFuture<Void> followed = new CompletableFuture<>();
            apply(() -> followed.complete(null));
            return followed;
        });
    }

    /** Recreates every persisted definition; nothing is written back while it runs. */
    public void recover(VirtualHosts vhosts, DestinationFactory destinations) {
        recovering = true;
        try {
            int exchanges = 0;
            int queues = 0;
            int bindings = 0;
            for (String v : store.list(EXCHANGE).values()) {
                ExchangeDefinition d = exchangeOf(read(v));
                vhosts.create(d.vhost()).declareExchange(d).join();
                exchanges++;
            }
            for (Map.Entry<String, String> e : store.list(QUEUE).entrySet()) {
                Map<String, Object> m = read(e.getValue());
                QueueDefinition d = queueOf(m);
                Integer home = homeElsewhere(m);
                if (home != null) {
                    homes.put(e.getKey(), home);
                    vhosts.create(d.vhost()).declareQueue(d, def -> remote.create(def, home)).join();
                } else {
                    vhosts.create(d.vhost()).declareQueue(d, destinations).join();
                }
                queues++;
            }
            for (String v : store.list(BINDING).values()) {
                Map<String, Object> m = read(v);
                VirtualHost vh = vhosts.create(str(m, "vhost"));
                Binding b = bindingOf(m);
                try {
                    vh.bind(b).join();
                    bindings++;
                } catch (RuntimeException e) {
                    LOGGER.warn("Dropping persisted binding {} in vhost '{}': {}", b, vh.name(), e.getMessage());
                }
            }
            LOGGER.info("Recovered {} exchanges, {} queues and {} bindings", exchanges, queues, bindings);
        } finally {
            recovering = false;
        }
    }

    @Override
    public CompletableFuture<Void> exchangeAdded(ExchangeDefinition e) {
        if (!e.durable()) {
            return Destination.ACCEPTED;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vhost", e.vhost());
        m.put("name", e.name());
        m.put("type", e.type());
        m.put("durable", true);
        m.put("autoDelete", e.autoDelete());
        m.put("internal", e.internal());
        m.put("arguments", e.arguments());
        return put(EXCHANGE, e.vhost() + SEP + e.name(), m);
    }

    @Override
    public CompletableFuture<Void> exchangeRemoved(ExchangeDefinition e) {
        return e.durable() ? delete(EXCHANGE, e.vhost() + SEP + e.name()) : Destination.ACCEPTED;
    }

    @Override
    public CompletableFuture<Void> queueAdded(QueueDefinition q) {
        if (!q.durable() || q.exclusive()) {
            return Destination.ACCEPTED;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vhost", q.vhost());
        m.put("name", q.name());
        m.put("autoDelete", q.autoDelete());
        m.put("arguments", q.arguments());
        String key = q.vhost() + SEP + q.name();
        if (remote != null && !followed(q.arguments())) {
            m.put("node", homes.getOrDefault(key, remote.self()));
        }
        return put(QUEUE, key, m);
    }

    @Override
    public CompletableFuture<Void> queueRemoved(QueueDefinition q) {
        if (!q.durable() || q.exclusive()) {
            return Destination.ACCEPTED;
        }
        String key = q.vhost() + SEP + q.name();
        homes.remove(key);
        return delete(QUEUE, key);
    }

    @Override
    public CompletableFuture<Void> bindingAdded(String vhost, Binding b, boolean durable) {
        return durable ? put(BINDING, bindingKey(vhost, b), bindingRecord(vhost, b)) : Destination.ACCEPTED;
    }

    @Override
    public CompletableFuture<Void> bindingRemoved(String vhost, Binding b, boolean durable) {
        return durable ? delete(BINDING, bindingKey(vhost, b)) : Destination.ACCEPTED;
    }

    private Map<String, Object> bindingRecord(String vhost, Binding b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vhost", vhost);
        m.put("source", b.source());
        m.put("kind", b.destination().kind().name());
        m.put("destination", b.destination().name());
        m.put("routingKey", b.routingKey());
        m.put("arguments", b.arguments());
        return m;
    }

    private String bindingKey(String vhost, Binding b) {
        return write(bindingRecord(vhost, b));
    }

    /** Writes a record unless the store holds exactly it already (a redeclaration, or a change another node made and this one followed). */
    private CompletableFuture<Void> put(String kind, String key, Map<String, Object> record) {
        String json = write(record);
        return recovering || json.equals(store.get(kind, key)) ? Destination.ACCEPTED : store.put(kind, key, json);
    }

    private CompletableFuture<Void> delete(String kind, String key) {
        return recovering || store.get(kind, key) == null ? Destination.ACCEPTED : store.delete(kind, key);
    }

    /**
     * In a cluster: applies what other nodes declare and delete while this node runs, so that a
     * publisher on any node routes through exchanges declared anywhere and a client of any node
     * reaches any queue. Exchanges and bindings are followed; of the queues streams, whose data is
     * the (replicated) topic every node has, quorum queues, whose members hold replicas and whose
     * other nodes reach the group as clients, and classic queues homed elsewhere, as
     * {@link RemoteQueue}s (their messages stay on their home node).
     */
    public void follow(VirtualHosts vhosts, DestinationFactory destinations) {
        applier = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "definition-follower");
            t.setDaemon(true);
            return t;
        });
        // each change is applied as the store holds the record when it is applied, not as the event
        // said: a declaration followed at once by a deletion then neither resurrects the record nor loops
        store.addListener(EXCHANGE, (kind, key, json) -> apply(() -> applyExchange(vhosts, key, store.get(EXCHANGE, key))));
        store.addListener(QUEUE, (kind, key, json) -> apply(() -> applyQueue(vhosts, destinations, key, store.get(QUEUE, key))));
        store.addListener(BINDING, (kind, key, json) -> apply(() -> applyBinding(vhosts, key, store.get(BINDING, key))));
    }

    private void apply(Runnable change) {
        try {
            applier.execute(change);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void applyExchange(VirtualHosts vhosts, String key, String json) {
        try {
            String[] vhostAndName = split(key);
            VirtualHost vh = vhosts.create(vhostAndName[0]);
            if (json == null) {
                if (vh.exchange(vhostAndName[1]) != null && !VirtualHost.isPredeclared(vhostAndName[1])) {
                    vh.deleteExchange(vhostAndName[1], false).join();
                }
                return;
            }
            ExchangeDefinition d = exchangeOf(read(json));
            if (vh.exchange(d.name()) == null) {
                vh.declareExchange(d).join();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Could not follow exchange {}: {}", key, e.getMessage());
        }
    }

    private void applyQueue(VirtualHosts vhosts, DestinationFactory destinations, String key, String json) {
        try {
            String[] vhostAndName = split(key);
            VirtualHost vh = vhosts.create(vhostAndName[0]);
            Destination existing = vh.destination(vhostAndName[1]);
            if (json == null) {
                if (existing instanceof RemoteQueue r) {
                    r.goneAtHome(); // deleted at its home: this node only drops its stand-in
                    homes.remove(key);
                    vh.deleteQueue(existing).exceptionally(e -> 0L);
                } else if (existing != null && followed(existing.definition().arguments())) {
                    vh.deleteQueue(existing).exceptionally(e -> 0L); // its topic went with the other node's delete
                }
                return;
            }
            Map<String, Object> m = read(json);
            QueueDefinition d = queueOf(m);
            Integer home = homeElsewhere(m);
            if (existing == null && followed(d.arguments())) {
                vh.declareQueue(d, destinations).join();
            } else if (existing == null && home != null) {
                homes.put(key, home);
                vh.declareQueue(d, def -> remote.create(def, home)).join();
            } else if (existing != null && home != null && !(existing instanceof RemoteQueue)) {
                LOGGER.warn("Queue '{}' in vhost '{}' was declared on node {} too; this node keeps its own", d.name(), d.vhost(), home);
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Could not follow queue {}: {}", key, e.getMessage());
        }
    }

    private void applyBinding(VirtualHosts vhosts, String key, String json) {
        try {
            Map<String, Object> m = read(json == null ? key : json);
            VirtualHost vh = vhosts.create(str(m, "vhost"));
            Binding b = bindingOf(m);
            boolean ends = vh.exchange(b.source()) != null
                    && (b.destination().isExchange() ? vh.exchange(b.destination().name()) != null : vh.destination(b.destination().name()) != null);
            if (!ends) {
                return;
            }
            if (json == null) {
                vh.unbind(b).join();
            } else {
                vh.bind(b).join();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Could not follow binding {}: {}", key, e.getMessage());
        }
    }

    /** Stops following (broker shutdown). */
    public void close() {
        java.util.concurrent.ExecutorService a = applier;
        if (a != null) {
            a.shutdownNow();
        }
    }

    private static ExchangeDefinition exchangeOf(Map<String, Object> m) {
        return new ExchangeDefinition(str(m, "vhost"), str(m, "name"), str(m, "type"), bool(m, "durable"), bool(m, "autoDelete"),
                bool(m, "internal"), args(m));
    }

    /** A persisted queue: durable, never exclusive (those are not persisted). */
    private static QueueDefinition queueOf(Map<String, Object> m) {
        return new QueueDefinition(str(m, "vhost"), str(m, "name"), true, null, bool(m, "autoDelete"), args(m));
    }

    private static Binding bindingOf(Map<String, Object> m) {
        return new Binding(str(m, "source"), new DestinationId(DestinationId.Kind.valueOf(str(m, "kind")), str(m, "destination")),
                str(m, "routingKey"), args(m));
    }

    /** The home node a classic queue's record names when it is not this node (and this node places queues); else null. */
    private Integer homeElsewhere(Map<String, Object> record) {
        if (remote == null || !(record.get("node") instanceof Number n) || followed(args(record))) {
            return null;
        }
        return n.intValue() == remote.self() ? null : n.intValue();
    }

    /** Queues every node of a cluster has: streams (their topic) and quorum queues (a replica, or a client of the group). */
    private static boolean followed(Map<String, Object> arguments) {
        return isStream(arguments) || "quorum".equals(arguments.get("x-queue-type"));
    }

    private static boolean isStream(Map<String, Object> arguments) {
        return "stream".equals(arguments.get("x-queue-type"));
    }

    private static String[] split(String key) {
        int sep = key.indexOf(SEP);
        return new String[] {key.substring(0, sep), key.substring(sep + 1)};
    }

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> read(String s) {
        try {
            return json.readValue(s, MAP);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String str(Map<String, Object> m, String k) {
        return (String) m.get(k);
    }

    private static boolean bool(Map<String, Object> m, String k) {
        return Boolean.TRUE.equals(m.get(k));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> args(Map<String, Object> m) {
        Object a = m.get("arguments");
        return a instanceof Map ? (Map<String, Object>) a : Map.of();
    }
}
