package io.tributary.server;

import io.tributary.amqp.ResourceAlarm;
import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.config.BrokerConfig;
import io.tributary.config.ClusterPeer;
import io.tributary.config.ClusterSettings;
import io.tributary.config.ConfigException;
import io.tributary.config.ListenerSettings;
import io.tributary.config.ManagementSettings;
import io.tributary.config.NodeSettings;
import io.tributary.config.Setting;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.message.LogEncoding;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.SingleNodeLeadership;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.LogStoreException;
import io.tributary.server.amqp.AmqpProtocol;
import io.tributary.server.amqp.UserStoreAuthenticator;
import io.tributary.server.bridge.StreamDestinations;
import io.tributary.server.bridge.TopicExchangeBridges;
import io.tributary.server.cluster.RaftMetadataStore;
import io.tributary.server.http.HttpRouter;
import io.tributary.server.http.HttpServerInitializer;
import io.tributary.server.http.OperationsRoutes;
import io.tributary.server.http.api.ApiContext;
import io.tributary.server.http.api.ManagementApi;
import io.tributary.server.http.console.ConsoleRoutes;
import io.tributary.server.kafka.KafkaProtocol;
import io.tributary.server.kafka.KafkaPublishAlarm;
import io.tributary.server.metadata.LocalMetadataStore;
import io.tributary.server.metrics.GroupLagMeters;
import io.tributary.server.metrics.ManagementStats;
import io.tributary.server.metrics.Metrics;
import io.tributary.server.net.EventLoops;
import io.tributary.server.net.Listener;
import io.tributary.server.net.TlsContexts;
import io.tributary.server.policy.Policies;
import io.tributary.server.protocol.ProtocolService;
import io.tributary.server.quorum.QuorumQueueFactory;
import io.tributary.server.replication.ClusterLeadership;
import io.tributary.server.replication.ClusterView;
import io.tributary.server.remote.AmqpEndpoints;
import io.tributary.server.remote.PeerLinks;
import io.tributary.server.replication.ReplicatedTopics;
import io.tributary.server.routing.RoutingCore;
import io.tributary.server.routing.VhostStore;
import io.tributary.server.security.UserStore;
import io.tributary.server.storage.DataDirectory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker: opens the data directory and metadata store, starts the protocol services, binds the
 * listeners; and takes all of it down again in reverse order. {@code Main} and the tests' fixture
 * start it the same way.
 *
 * <p>Single use: {@link #start()} once, then {@link #shutdown()} (idempotent). The lifetime future
 * completes when the broker has stopped; only {@code Main} turns its outcome into an exit code.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(Broker.class);
    /** Where a cluster keeps its generated internal password (when none is configured). */
    private static final String INTERNAL_SECRET_KIND = "cluster.internal";

    private final BrokerConfig config;
    private final AtomicReference<BrokerState> state = new AtomicReference<>(BrokerState.NEW);
    private final CompletableFuture<Void> lifetime = new CompletableFuture<>();
    private final Map<ListenerName, Listener> listeners = new EnumMap<>(ListenerName.class);
    private final Map<ListenerName, ProtocolService> protocols = new EnumMap<>(ListenerName.class);
    /** Everything to close at shutdown, most recently opened first. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private DataDirectory dataDirectory;
    private MetadataStore metadataStore;
    private Metrics metrics;
    private EventLoops eventLoops;
    private LogManager logManager;
    private RoutingCore routingCore;
    private UserStore userStore;
    private AmqpProtocol amqp;
    private Policies policies;
    private ManagementStats stats;
    private boolean stoppedCleanly = true;

    public Broker(BrokerConfig config) {
        this.config = config;
    }

    /**
     * Starts the broker and returns its lifetime future.
     *
     * @throws ConfigException naming the setting when a setting cannot be honoured (port taken,
     *     data directory not writable); everything opened so far is closed again
     */
    public CompletableFuture<Void> start() {
        if (!state.compareAndSet(BrokerState.NEW, BrokerState.STARTING)) {
            throw new IllegalStateException("broker already started (" + state.get() + ")");
        }
        try {
            doStart();
            state.set(BrokerState.STARTED);
            LOGGER.info("Tributary node {} started (data in {})", config.get(NodeSettings.NODE_ID), dataDirectory.root());
            return lifetime;
        } catch (RuntimeException e) {
            closeResources();
            state.set(BrokerState.STOPPED);
            lifetime.completeExceptionally(e);
            throw e;
        }
    }

    private void doStart() {
        dataDirectory = DataDirectory.open(config.get(NodeSettings.DATA_DIR));
        resources.push(dataDirectory);
        LOGGER.info("Data directory {} opened ({})", dataDirectory.root(),
                dataDirectory.fresh() ? "new" : dataDirectory.previousShutdownClean()
                        ? "previous shutdown was clean" : "previous run did not shut down cleanly: recovering");
        metadataStore = openMetadataStore(config, dataDirectory);
        resources.push(metadataStore);
        userStore = UserStore.open(metadataStore, config);
        metrics = new Metrics(config.get(NodeSettings.NODE_ID));
        resources.push(metrics);
        eventLoops = EventLoops.create(config.get(NodeSettings.IO_THREADS));
        resources.push(eventLoops);

        try {
            logManager = LogManager.open(dataDirectory.logsDir(), config, metadataStore);
        } catch (LogStoreException e) {
            throw new ConfigException(NodeSettings.DATA_DIR.name(), "partition logs in " + dataDirectory.logsDir() + " cannot be opened: "
                    + e.getMessage(), e);
        }
        resources.push(logManager);
        ResourceAlarm alarm = new ResourceAlarm();
        ClusterLeadership cluster = clusterLeadership();
        io.tributary.server.remote.RemoteQueues remoteQueues = null;
        if (cluster != null) {
            remoteQueues = remoteQueues();
        }
        Leadership leadership = cluster != null ? cluster : new SingleNodeLeadership(config.get(NodeSettings.NODE_ID),
                config.get(NodeSettings.ADVERTISED_HOST), () -> port(ListenerName.KAFKA));
        protocols.put(ListenerName.KAFKA, new KafkaProtocol(config, logManager, metadataStore, userStore, new KafkaPublishAlarm(alarm),
                () -> port(ListenerName.KAFKA), leadership));
        MessageFormats formats = RoutingCore.messageFormats();
        LogEncoding encoding = new LogEncoding(formats, BasicProperties.FORMAT);
        StreamDestinations streams = new StreamDestinations(logManager, metadataStore, encoding, leadership,
                cluster != null ? cluster.internalClients().configs() : Map.of());
        resources.push(streams);
        policies = new Policies(metadataStore);
        java.util.function.UnaryOperator<io.tributary.exchanges.DestinationFactory> quorumQueues = quorumQueues(cluster != null, formats, remoteQueues);
        routingCore = new RoutingCore(config, metadataStore, dataDirectory.queuesDir(), formats,
                f -> policies.around(streams.around(quorumQueues.apply(f))), remoteQueues);
        resources.push(routingCore);
        policies.attach(routingCore.vhosts());
        VhostStore vhostStore = new VhostStore(metadataStore);
        vhostStore.recreate(routingCore.vhosts());
        resources.push(new TopicExchangeBridges(logManager, routingCore.vhosts(), encoding, metadataStore));
        UserStoreAuthenticator amqpAuth = new UserStoreAuthenticator(userStore);
        amqp = new AmqpProtocol(config, routingCore, amqpAuth, amqpAuth, alarm, Version.get());
        if (cluster != null) {
            clusterAmqp(amqp.context());
        }
        protocols.put(ListenerName.AMQP, amqp);
        KafkaProtocol kafka = (KafkaProtocol) protocols.get(ListenerName.KAFKA);
        stats = new ManagementStats(() -> routingCore.vhosts().all(), () -> amqp.context().connections(), kafka.traffic(), logManager,
                metrics.registry(), config.get(ManagementSettings.SAMPLE_INTERVAL_MS), config.get(ManagementSettings.SAMPLES));
        resources.push(stats);
        resources.push(new GroupLagMeters(kafka::groupCoordinator, logManager, metrics.registry(),
                config.get(ManagementSettings.SAMPLE_INTERVAL_MS)));
        HttpRouter router = new HttpRouter();
        new OperationsRoutes(this::state, metrics).register(router);
        ManagementApi.register(router, new ApiContext(config, routingCore, userStore, logManager, new ReplicatedTopics(logManager, leadership), kafka::groupCoordinator, amqp.context(),
                policies, vhostStore, stats, this::listenerPorts, this::state, Version.get(),
                "tributary@" + config.get(NodeSettings.ADVERTISED_HOST)));
        new ConsoleRoutes().register(router);
        protocols.put(ListenerName.HTTP, new HttpServerInitializer(router));
        protocols.values().forEach(resources::push);

        if (cluster != null) {
            cluster.start(kafka::wakeFetches);
            resources.push(cluster);
        }
        bind(ListenerName.KAFKA, ListenerSettings.KAFKA_PORT, ListenerSettings.KAFKA_MAX_CONNECTIONS, TlsContexts.kafka(config));
        bind(ListenerName.AMQP, ListenerSettings.AMQP_PORT, ListenerSettings.AMQP_MAX_CONNECTIONS, TlsContexts.amqp(config));
        bind(ListenerName.HTTP, ListenerSettings.HTTP_PORT, ListenerSettings.HTTP_MAX_CONNECTIONS, TlsContexts.http(config));
        if (cluster != null) {
            // once the Kafka listener is bound, so that the registered endpoint can be reached
            cluster.register(new BrokerEndpoint(config.get(NodeSettings.NODE_ID), config.get(NodeSettings.ADVERTISED_HOST),
                    port(ListenerName.KAFKA)));
            // and the AMQP listener, through which the other nodes reach the classic queues held here
            new AmqpEndpoints(metadataStore).register(config.get(NodeSettings.NODE_ID), config.get(NodeSettings.ADVERTISED_HOST),
                    port(ListenerName.AMQP)).exceptionally(e -> {
                        LOGGER.warn("Could not register this node's AMQP listener: {}", e.getMessage());
                        return null;
                    });
        }
    }

    /** In a cluster, durable quorum queues become Raft groups ({@link QuorumQueueFactory}); on one node they stay classic-backed. */
    private java.util.function.UnaryOperator<io.tributary.exchanges.DestinationFactory> quorumQueues(boolean clustered, MessageFormats formats,
            io.tributary.server.remote.RemoteQueues remote) {
        if (!clustered) {
            return f -> f;
        }
        QuorumQueueFactory quorum = new QuorumQueueFactory(((RaftMetadataStore) metadataStore).quorumGroups(), metadataStore, formats,
                () -> routingCore == null ? null : routingCore.vhosts(), config.get(ClusterSettings.BROKER_SESSION_TIMEOUT_MS), remote);
        resources.push(quorum);
        return quorum::around;
    }

    /**
     * The user the nodes log in to each other as (the Kafka clients over SASL, the links to other
     * nodes' queues over AMQP), made (or its password set) by whichever node starts, the same on
     * every node; then this node's links to the queues homed on others.
     */
    private io.tributary.server.remote.RemoteQueues remoteQueues() {
        String name = config.get(ClusterSettings.INTERNAL_USER);
        String password = internalPassword();
        if (!userStore.passwordMatches(name, password)) {
            userStore.putUser(name, password, java.util.Set.of()).join();
            LOGGER.info("Set the password of the nodes' internal user '{}'", name);
        }
        userStore.trustInternalUser(name);
        PeerLinks links = new PeerLinks(config.get(NodeSettings.NODE_ID), new AmqpEndpoints(metadataStore), name, () -> password, config);
        resources.push(links);
        return new io.tributary.server.remote.RemoteQueues(links);
    }

    /**
     * The configured internal password; without one (a Kafka listener without SASL needs none), a
     * random one the first node to start records in the replicated metadata, which only members read.
     */
    private String internalPassword() {
        String configured = config.get(ClusterSettings.INTERNAL_PASSWORD);
        if (!configured.isEmpty()) {
            return configured;
        }
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        metadataStore.putIfAbsent(INTERNAL_SECRET_KIND, "password",
                "\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\"").join();
        String json = metadataStore.get(INTERNAL_SECRET_KIND, "password");
        return json.substring(1, json.length() - 1);
    }

    /** Replicated partitions when this node is one of several Raft peers; null on a single node. */
    private ClusterLeadership clusterLeadership() {
        if (!(metadataStore instanceof RaftMetadataStore raft) || ClusterSettings.peers(config).size() < 2) {
            return null;
        }
        List<Integer> nodes = ClusterSettings.peers(config).stream().map(ClusterPeer::id).sorted().toList();
        ClusterView view = new ClusterView() {
            @Override
            public boolean isController() {
                return raft.isLeaderNow();
            }

            @Override
            public int controllerId() {
                return raft.leaderNodeId();
            }

            @Override
            public Map<Integer, Long> silenceMs() {
                return raft.followerSilenceMs();
            }

            @Override
            public long quorumSilenceMs() {
                return raft.quorumSilenceMs();
            }

            @Override
            public List<Integer> memberIds() {
                return raft.memberIds();
            }

            @Override
            public boolean answers(int nodeId) {
                return raft.answers(nodeId);
            }

            @Override
            public CompletableFuture<Void> removeMember(int nodeId) {
                return raft.removeMember(nodeId);
            }
        };
        return new ClusterLeadership(config.get(NodeSettings.NODE_ID), nodes, config, metadataStore, logManager, view);
    }

    private void bind(ListenerName name, Setting<Integer> port, Setting<Integer> maxConnections, io.netty.handler.ssl.SslContext tls) {
        Listener listener = new Listener(new Listener.Spec(name.displayName(), port.name(), config.get(NodeSettings.BIND_HOST),
                config.get(port), config.get(maxConnections), protocols.get(name).channelInitializer(), tls,
                config.get(io.tributary.config.LimitSettings.HANDSHAKE_TIMEOUT_MS)));
        listener.bind(eventLoops);
        listeners.put(name, listener);
        resources.push(() -> {
            listener.stopAccepting();
            listener.closeConnections(5_000);
        });
    }

    /**
     * Stops the broker: stop accepting, let in-flight work drain, close connections, flush and
     * close storage, and mark the data directory clean. Idempotent; returns when stopped.
     */
    public void shutdown() {
        if (state.compareAndSet(BrokerState.STARTED, BrokerState.STOPPING)) {
            LOGGER.info("Shutting down");
            listeners.values().forEach(Listener::stopAccepting);
            drainProtocols();
            closeResources();
            state.set(BrokerState.STOPPED);
            LOGGER.info("Stopped{}", stoppedCleanly ? "" : " (not cleanly: see the warnings above)");
            lifetime.complete(null);
        } else if (state.get() == BrokerState.NEW) {
            state.set(BrokerState.STOPPED);
            lifetime.complete(null);
        } else {
            lifetime.exceptionally(e -> null).join();
        }
    }

    private void drainProtocols() {
        long timeout = config.get(NodeSettings.SHUTDOWN_TIMEOUT_MS);
        CompletableFuture<?>[] drains = protocols.values().stream().map(ProtocolService::drain).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(drains).get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOGGER.warn("In-flight work did not drain within {} ms (shutdown.timeout.ms); closing anyway", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOGGER.warn("Draining in-flight work failed", e);
        }
    }

    private void closeResources() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            if (r == dataDirectory && stoppedCleanly && state.get() == BrokerState.STOPPING) {
                try {
                    dataDirectory.markCleanShutdown();
                } catch (IOException e) {
                    LOGGER.warn("Could not write the clean-shutdown marker", e);
                }
            }
            try {
                r.close();
            } catch (Exception e) {
                stoppedCleanly = false;
                LOGGER.warn("Closing {} failed", r, e);
            }
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    public BrokerState state() {
        return state.get();
    }

    public BrokerConfig config() {
        return config;
    }

    /** The port a listener actually bound; useful when it was configured as 0. */
    public int port(ListenerName name) {
        Listener l = listeners.get(name);
        if (l == null) {
            throw new IllegalStateException(name + " listener is not bound (state " + state.get() + ")");
        }
        return l.boundPort();
    }

    /** Bound ports by protocol, for the management API's listeners. */
    private Map<String, Integer> listenerPorts() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        listeners.forEach((name, l) -> out.put(name.name().toLowerCase(java.util.Locale.ROOT), l.boundPort()));
        return out;
    }

    /** Connections currently open on a listener. */
    public int openConnections(ListenerName name) {
        Listener l = listeners.get(name);
        return l == null ? 0 : l.openConnections();
    }

    /**
     * The metadata store the configuration selects: the single-node store in {@code data/meta} (the
     * default), or, with {@code cluster.metadata.store=raft} or {@code cluster.peers}, the Raft group
     * ({@link RaftMetadataStore}; it blocks until the group has a leader and this node caught up).
     *
     * @throws ConfigException naming the setting when the store cannot be opened
     */
    /** Other nodes forward publishes as the internal user; lookups catch up with their declarations. */
    private void clusterAmqp(io.tributary.amqp.AmqpContext context) {
        context.trustForwarding(config.get(ClusterSettings.INTERNAL_USER));
        context.catchUpDefinitionsWith(routingCore::definitionsCaughtUp);
    }

    public static MetadataStore openMetadataStore(BrokerConfig config, DataDirectory dataDirectory) {
        if (ClusterSettings.raftMetadata(config)) {
            return RaftMetadataStore.open(config, dataDirectory.metaDir());
        }
        try {
            return LocalMetadataStore.open(dataDirectory.metaDir());
        } catch (IOException e) {
            throw new ConfigException(NodeSettings.DATA_DIR.name(), "metadata store in " + dataDirectory.metaDir() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    public MetadataStore metadataStore() {
        return metadataStore;
    }

    /** The partition logs and topics (Kafka topics, later AMQP streams). */
    public LogManager logManager() {
        return logManager;
    }

    /** The routing core (virtual hosts, exchanges, queues) shared by every protocol. */
    public RoutingCore routingCore() {
        return routingCore;
    }

    /** The AMQP protocol service (connections, resource alarm). */
    public AmqpProtocol amqp() {
        return amqp;
    }

    /** The users of every protocol, with their tags and permissions. */
    public UserStore userStore() {
        return userStore;
    }

    /** Operator policies (pattern-applied queue arguments). */
    public Policies policies() {
        return policies;
    }

    /** Sampled rates and depths (management API, console, /metrics). */
    public ManagementStats managementStats() {
        return stats;
    }

    public Metrics metrics() {
        return metrics;
    }

    public CompletableFuture<Void> lifetime() {
        return lifetime;
    }
}
