package io.tributary.server.routing;

import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.amqp.v10.message.Amqp10Format;
import io.tributary.config.BrokerConfig;
import io.tributary.config.QueueSettings;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.exchanges.type.DelayedMessageExchangeType;
import io.tributary.exchanges.type.ExchangeTypeRegistry;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.logstore.flush.LogFlusher;
import io.tributary.logstore.time.ExecutorScheduler;
import io.tributary.logstore.time.Time;
import io.tributary.queues.Queue;
import io.tributary.queues.QueueEnvironment;
import io.tributary.queues.QueueFactory;
import io.tributary.queues.delayed.DelayedMessageStore;
import io.tributary.queues.store.QueueStores;
import io.tributary.queues.store.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's one routing core, shared by every protocol: virtual hosts with their exchanges and
 * destinations, the factory that makes declared queues, the definition store that makes durable
 * definitions survive restarts, and what queues run on: a pool of queue threads (queues do disk
 * I/O, so their actors never run on network event loops), the journals in {@code data/queues/}, the
 * flusher threads that fsync durable ones, and the timer for TTLs, {@code x-expires} and delayed
 * messages.
 *
 * <p>At start it recovers durable definitions and their journals, then removes the journals of
 * everything that did not survive (non-durable queues, exclusive queues, deleted ones). {@link #close}
 * writes and fsyncs what every queue has pending.
 */
public final class RoutingCore implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(RoutingCore.class);

    private final VirtualHosts vhosts;
    private final DestinationFactory queues;
    private final ExecutorService queueThreads;
    private final ExecutorScheduler timers;
    private final LogFlusher flusher;
    private final QueueStores stores;
    private final QueueEnvironment environment;
    private final DefinitionStore definitions;
    private final Set<DelayedMessageStore> delayedStores = ConcurrentHashMap.newKeySet();
    private volatile boolean recovering;

    /** The message formats the broker's stores and logs can decode: AMQP 0-9-1 and AMQP 1.0. */
    public static MessageFormats messageFormats() {
        return new MessageFormats().register(BasicProperties.FORMAT).register(Amqp10Format.FORMAT);
    }

    public RoutingCore(BrokerConfig config, MetadataStore metadata, Path queuesDir) {
        this(config, metadata, queuesDir, messageFormats(), f -> f);
    }

    /** A routing core that holds every queue itself (a single node). */
    public RoutingCore(BrokerConfig config, MetadataStore metadata, Path queuesDir, MessageFormats formats,
            UnaryOperator<DestinationFactory> destinations) {
        this(config, metadata, queuesDir, formats, destinations, null);
    }

    /**
     * @param destinations wraps the queue factory: makes the declarations that are not queues
     *     (streams) and passes the others on
     * @param remote in a cluster, makes the stand-ins of classic queues homed on other nodes; null alone
     */
    public RoutingCore(BrokerConfig config, MetadataStore metadata, Path queuesDir, MessageFormats formats,
            UnaryOperator<DestinationFactory> destinations, io.tributary.server.remote.RemoteQueues remote) {
        int threads = config.get(QueueSettings.THREADS);
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger ids = new AtomicInteger();
        this.queueThreads = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "queue-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timers = new ExecutorScheduler("queue-timer", 1);
        this.flusher = new LogFlusher(config.get(QueueSettings.FLUSH_THREADS), Time.SYSTEM);
        StoreSettings settings = new StoreSettings(config.get(QueueSettings.SEGMENT_BYTES), config.get(QueueSettings.WINDOW_MESSAGES),
                config.get(QueueSettings.WINDOW_BYTES));
        this.stores = new QueueStores(queuesDir, settings, formats, flusher);
        this.definitions = new DefinitionStore(metadata, remote);
        ExchangeTypeRegistry types = ExchangeTypeRegistry.withBuiltIns();
        types.register(new DelayedMessageExchangeType(types, this::openDelayedStore));
        this.vhosts = new VirtualHosts(types, definitions);
        this.environment = new QueueEnvironment(stores, () -> queueThreads, Time.SYSTEM, timers, vhosts, this::selfDelete);
        QueueFactory queueFactory = new QueueFactory(environment);
        this.queues = destinations.apply(queueFactory);
        recovering = true;
        try {
            definitions.recover(vhosts, destinations.apply(queueFactory.recovering()));
        } finally {
            recovering = false;
        }
        stores.removeAllBut(survivors());
        if (io.tributary.config.ClusterSettings.peers(config).size() > 1) {
            definitions.follow(vhosts, queues);
        }
    }

    /** See {@link DefinitionStore#caughtUp()}. */
    public CompletableFuture<Void> definitionsCaughtUp() {
        return definitions.caughtUp();
    }

    private Destination openDelayedStore(ExchangeDefinition exchange) {
        DelayedMessageStore[] self = new DelayedMessageStore[1];
        self[0] = new DelayedMessageStore(exchange, environment, recovering && exchange.durable(), () -> delayedStores.remove(self[0]));
        delayedStores.add(self[0]);
        return self[0];
    }

    /** The stores recovered at start: every other directory under data/queues/ goes. */
    private Set<String> survivors() {
        Set<String> keep = new HashSet<>();
        for (VirtualHost vh : vhosts.all()) {
            for (Destination d : vh.destinations()) {
                if (d instanceof Queue q && q.definition().durable()) {
                    keep.add(QueueStores.keyOf(null, vh.name(), q.name()));
                }
            }
        }
        for (DelayedMessageStore s : delayedStores) {
            keep.add(s.storeKey());
        }
        return keep;
    }

    private void selfDelete(Queue q) {
        VirtualHost vh = vhosts.get(q.definition().vhost());
        if (vh != null) {
            vh.deleteQueue(q);
        }
    }

    public VirtualHosts vhosts() {
        return vhosts;
    }

    public DestinationFactory destinations() {
        return queues;
    }

    /** Writes and fsyncs what every queue and delayed exchange has pending, then stops their threads. */
    @Override
    public void close() {
        definitions.close();
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (VirtualHost vh : vhosts.all()) {
            for (Destination d : vh.destinations()) {
                if (d instanceof Queue q) {
                    closing.add(q.close());
                }
            }
        }
        delayedStores.forEach(s -> closing.add(s.close()));
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOGGER.warn("Queues did not close within 30 s; their unsynced writes are recovered at the next start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOGGER.warn("Closing queues failed", e);
        }
        timers.close();
        flusher.close();
        queueThreads.shutdown();
        try {
            // deletions of exclusive and auto-delete queues, started as connections closed, finish
            if (!queueThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOGGER.warn("Queue threads still busy 10 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
