package io.tributary.server.replication;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ClusterSettings;
import io.tributary.config.KafkaSettings;
import io.tributary.config.metadata.MetadataListener;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.PartitionLeader;
import io.tributary.logstore.AppendResult;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Leadership} of a cluster node: partitions with a state in the metadata quorum
 * ({@link PartitionStates}) are replicated as that state says; partitions without one (internal
 * topics, streams created over AMQP, topics from before clustering) stay led by each node for its
 * own log, as on a single node.
 *
 * <p>Each node applies every state change (on its {@code replication} thread): it becomes the
 * leader (records the new epoch's start in its log, tracks followers in a {@link LeaderRole}), a
 * follower (hands the partition to the {@link ReplicaFetcher} of its leader), or neither. Leaders
 * grow and shrink the ISR with conditional writes; the {@link PartitionController} on the Raft
 * leader moves leadership away from dead nodes.
 */
public final class ClusterLeadership implements Leadership, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClusterLeadership.class);

    private final int nodeId;
    private final List<Integer> nodes;
    private final MetadataStore store;
    private final PartitionStates states;
    private final BrokerRegistry registry;
    private final LogManager logs;
    private final ClusterView view;
    private final long lagMaxMs;
    private final int fetchWaitMs;
    private final int fetchMaxBytes;
    private final short defaultReplication;
    private final Map<TopicPartition, PartitionState> known = new ConcurrentHashMap<>();
    private final Map<TopicPartition, LeaderRole> led = new ConcurrentHashMap<>();
    private final Map<Integer, ReplicaFetcher> fetchers = new ConcurrentHashMap<>();
    /** What listeners were last told of each partition: its leader epoch when this node leads it, -1 otherwise. */
    private final Map<TopicPartition, Integer> announced = new ConcurrentHashMap<>();
    private final Map<String, List<LeadershipListener>> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replication");
        t.setDaemon(true);
        return t;
    });
    private final MetadataListener stateListener = (kind, key, json) -> executor.execute(() -> apply(PartitionStates.partitionOf(key)));
    private final MetadataListener brokerListener = (kind, key, json) -> executor.execute(this::refreshBrokers);
    private final PartitionController controller;
    private final MarkerSender markers;
    private final long sessionTimeoutMs;
    private final InternalClients clients;
    /** Out of touch with the metadata quorum for a session timeout: leads nothing until back (see {@link #checkQuorumContact}). */
    private volatile boolean fenced;
    private volatile List<BrokerEndpoint> brokers = List.of();
    private volatile Consumer<TopicPartition> fetchWaker = tp -> { };

    public ClusterLeadership(int nodeId, List<Integer> nodes, BrokerConfig config, MetadataStore store, LogManager logs, ClusterView view) {
        this.nodeId = nodeId;
        this.nodes = List.copyOf(nodes);
        this.store = store;
        this.states = new PartitionStates(store);
        this.registry = new BrokerRegistry(store);
        this.logs = logs;
        this.view = view;
        this.lagMaxMs = config.get(ClusterSettings.REPLICA_LAG_TIME_MAX_MS);
        this.fetchWaitMs = config.get(ClusterSettings.REPLICA_FETCH_WAIT_MAX_MS);
        this.fetchMaxBytes = config.get(ClusterSettings.REPLICA_FETCH_MAX_BYTES);
        this.defaultReplication = (short) Math.min(Short.MAX_VALUE, config.get(KafkaSettings.DEFAULT_REPLICATION_FACTOR));
        this.sessionTimeoutMs = config.get(ClusterSettings.BROKER_SESSION_TIMEOUT_MS);
        this.controller = new PartitionController(states, view, sessionTimeoutMs,
                config.get(ClusterSettings.UNCLEAN_LEADER_ELECTION));
        this.clients = InternalClients.of(config);
        this.markers = new MarkerSender(nodeId, this, this::endpoint, clients);
    }

    /**
     * Takes on the roles the stored partition states give this node, before any client can reach
     * it (so no request is served by a node that merely has not heard yet that it follows), and
     * starts following their changes.
     */
    public void start(Consumer<TopicPartition> wakeFetches) {
        this.fetchWaker = wakeFetches;
        store.addListener(PartitionStates.KIND, stateListener);
        store.addListener(BrokerRegistry.KIND, brokerListener);
        try {
            executor.submit(() -> {
                refreshBrokers();
                applyAll();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking on partition roles", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot take on partition roles", e.getCause());
        }
        // also every second: a state whose topic this node has not created yet is applied once it has
        executor.scheduleWithFixedDelay(this::applyAll, 1, 1, TimeUnit.SECONDS);
        long isrCheck = Math.max(10, lagMaxMs / 2);
        executor.scheduleWithFixedDelay(this::shrinkIsrs, isrCheck, isrCheck, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(controller::tick, 200, 200, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::checkQuorumContact, 100, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * Fences this node while it has been out of touch with the metadata quorum for longer than
     * {@code broker.session.timeout.ms}, the time after which the controller gives its partitions to
     * others: a node resumed from a pause, or cut off, would otherwise go on answering produce and
     * Metadata requests from partition states that have moved on (no write it took could be
     * acknowledged, as its followers left, but clients would wait on it). Once in touch again it
     * applies what changed meanwhile before it leads again.
     */
    private void checkQuorumContact() {
        long silence = view.quorumSilenceMs();
        boolean out = silence > sessionTimeoutMs;
        if (out != fenced) {
            if (out) {
                LOGGER.warn("Out of touch with the metadata quorum for {} ms: leading no partition until it is back", silence);
                fenced = true;
            } else {
                applyAll();
                fenced = false;
                LOGGER.info("In touch with the metadata quorum again");
            }
        }
    }

    /** How this node's own Kafka clients reach the others (the stream forwarder uses it too). */
    public InternalClients internalClients() {
        return clients;
    }

    /** Tells the cluster where this node's Kafka listener is, once it is bound. */
    public void register(BrokerEndpoint self) {
        registry.register(self).join();
    }

    // ---- Leadership ----

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public List<BrokerEndpoint> brokers() {
        return brokers;
    }

    @Override
    public int controllerId() {
        int id = view.controllerId();
        return id >= 0 ? id : nodeId;
    }

    @Override
    public PartitionLeader partition(TopicPartition tp) {
        PartitionState s = stateOf(tp);
        return s == null ? new PartitionLeader(nodeId, LEADER_EPOCH, List.of(nodeId), List.of(nodeId)) : s.toLeader();
    }

    @Override
    public boolean isLeader(TopicPartition tp) {
        PartitionState s = stateOf(tp);
        return s == null || (s.leader() == nodeId && led.containsKey(tp) && !fenced);
    }

    /**
     * The state this node works by; when it has not applied one yet but the store holds one (its
     * change is still queued on the replication thread while the topic's log already exists), the
     * stored one, so that the partition is never served as an unreplicated log meanwhile.
     */
    private PartitionState stateOf(TopicPartition tp) {
        PartitionState s = known.get(tp);
        if (s != null) {
            return s;
        }
        PartitionStates.Stored stored = states.get(tp);
        if (stored == null) {
            return null;
        }
        try {
            executor.execute(() -> apply(tp));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: nothing applies states any more
        }
        return stored.state();
    }

    @Override
    public CompletableFuture<Void> whenCommitted(PartitionLog log, AppendResult appended) {
        if (stateOf(log.topicPartition()) == null) {
            return appended.durable();
        }
        return appended.durable().thenCompose(v -> log.awaitHighWatermark(appended.lastOffset() + 1));
    }

    @Override
    public void onLeaderAppend(TopicPartition tp) {
        if (led.containsKey(tp)) {
            fetchWaker.accept(tp);
        }
    }

    @Override
    public void onFollowerFetch(TopicPartition tp, int replicaId, long fetchOffset) {
        LeaderRole role = led.get(tp);
        if (role != null && role.onFetch(replicaId, fetchOffset, System.currentTimeMillis()) && !role.isrChangePending) {
            role.isrChangePending = true;
            executor.execute(() -> changeIsr(tp, role, s -> s.isrWith(replicaId)));
        }
    }

    @Override
    public CompletableFuture<Void> assignReplicas(String topic, int firstPartition, int partitions, short replicationFactor,
            Map<Integer, List<Integer>> assignment) {
        int factor = replicationFactor < 0 ? defaultReplication : replicationFactor;
        Map<TopicPartition, PartitionState> created = new java.util.LinkedHashMap<>();
        for (int p = firstPartition; p < firstPartition + partitions; p++) {
            List<Integer> replicas = assignment.containsKey(p) ? assignment.get(p) : ReplicaPlacement.replicas(nodeIds(), topic, p, factor);
            created.put(new TopicPartition(topic, p), PartitionState.initial(replicas));
        }
        // one Raft entry for all of them: 50 partitions of __consumer_offsets cost one round trip at start-up
        return states.createAll(created).thenApply(n -> null);
    }

    @Override
    public CompletableFuture<Void> forgetReplicas(String topic, int partitions) {
        List<CompletableFuture<Void>> deletes = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            deletes.add(states.delete(new TopicPartition(topic, p)));
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Map<TopicPartition, ApiError>> electLeaders(boolean unclean, Collection<TopicPartition> partitions) {
        Map<TopicPartition, CompletableFuture<ApiError>> results = new java.util.LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            results.put(tp, elect(tp, unclean));
        }
        return CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<TopicPartition, ApiError> out = new java.util.LinkedHashMap<>();
            results.forEach((tp, f) -> out.put(tp, f.join()));
            return out;
        });
    }

    private CompletableFuture<ApiError> elect(TopicPartition tp, boolean unclean) {
        PartitionStates.Stored stored = states.get(tp);
        if (stored == null) {
            return CompletableFuture.completedFuture(new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, tp + " is not replicated"));
        }
        PartitionState s = stored.state();
        PartitionState next;
        if (unclean) {
            if (s.leader() >= 0) {
                return CompletableFuture.completedFuture(new ApiError(Errors.ELECTION_NOT_NEEDED, "partition " + tp + " has a leader"));
            }
            List<Integer> registered = brokers.stream().map(BrokerEndpoint::nodeId).toList();
            Optional<Integer> any = s.replicas().stream().filter(registered::contains).findFirst();
            if (any.isEmpty()) {
                return CompletableFuture.completedFuture(new ApiError(Errors.ELIGIBLE_LEADERS_NOT_AVAILABLE, "no replica of " + tp + " is up"));
            }
            next = s.withLeader(any.get(), List.of(any.get()));
        } else {
            int preferred = s.replicas().get(0);
            if (s.leader() == preferred) {
                return CompletableFuture.completedFuture(new ApiError(Errors.ELECTION_NOT_NEEDED, "the preferred replica leads " + tp));
            }
            if (!s.isr().contains(preferred)) {
                return CompletableFuture.completedFuture(new ApiError(Errors.PREFERRED_LEADER_NOT_AVAILABLE,
                        "the preferred replica " + preferred + " of " + tp + " is not in sync"));
            }
            next = s.withLeader(preferred, s.isr());
        }
        return states.replace(tp, stored, next).thenApply(written -> written ? ApiError.NONE
                : new ApiError(Errors.NOT_CONTROLLER, "the state of " + tp + " changed meanwhile; retry"));
    }

    @Override
    public CompletableFuture<ApiError> reassign(TopicPartition tp, List<Integer> targetReplicas) {
        PartitionStates.Stored stored = states.get(tp);
        if (stored == null) {
            return CompletableFuture.completedFuture(new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, tp + " is not replicated"));
        }
        PartitionState next;
        if (targetReplicas == null) {
            next = stored.state().cancelReassignment();
            if (next == null) {
                return CompletableFuture.completedFuture(new ApiError(Errors.NO_REASSIGNMENT_IN_PROGRESS, "no reassignment of " + tp));
            }
        } else {
            List<Integer> members = nodeIds();
            if (targetReplicas.isEmpty() || !members.containsAll(targetReplicas) || targetReplicas.stream().distinct().count() != targetReplicas.size()) {
                return CompletableFuture.completedFuture(new ApiError(Errors.INVALID_REPLICA_ASSIGNMENT,
                        "replicas " + targetReplicas + " must be distinct nodes of " + members));
            }
            next = stored.state().reassigningTo(targetReplicas);
        }
        return states.replace(tp, stored, next).thenApply(written -> written ? ApiError.NONE
                : new ApiError(Errors.NOT_CONTROLLER, "the state of " + tp + " changed meanwhile; retry"));
    }

    @Override
    public Map<TopicPartition, List<List<Integer>>> reassignments() {
        Map<TopicPartition, List<List<Integer>>> out = new java.util.LinkedHashMap<>();
        known.forEach((tp, s) -> {
            if (s.targetReplicas() != null) {
                List<Integer> adding = s.targetReplicas().stream().filter(r -> !s.originalReplicas().contains(r)).toList();
                List<Integer> removing = s.originalReplicas().stream().filter(r -> !s.targetReplicas().contains(r)).toList();
                out.put(tp, List.of(s.replicas(), adding, removing));
            }
        });
        return out;
    }

    @Override
    public CompletableFuture<Void> sendMarkers(long producerId, short producerEpoch, boolean commit, Collection<TopicPartition> partitions) {
        return markers.send(producerId, producerEpoch, commit, partitions);
    }

    @Override
    public boolean movesLeadership() {
        return true;
    }

    /**
     * The metadata quorum's members (joined nodes included, removed ones not); while they are not
     * known, the configured peers and every registered node.
     */
    @Override
    public List<Integer> nodeIds() {
        List<Integer> members = view.memberIds();
        if (!members.isEmpty()) {
            return members.stream().sorted().toList();
        }
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>(nodes);
        brokers.forEach(b -> ids.add(b.nodeId()));
        return List.copyOf(ids);
    }

    /**
     * UnregisterBroker: takes a stopped node out of the cluster, its registration and its place in
     * the metadata quorum (a majority of the rest must be up). Refused for this node, a running one,
     * or one that still holds replicas of partitions or quorum queues (reassign or shrink them first:
     * its data would be gone, and a queue would keep a member that never answers). The checks ask
     * the node's Raft port (up to a second), so they run off the caller's thread (an event loop).
     */
    @Override
    public CompletableFuture<ApiError> unregister(int id) {
        return CompletableFuture.supplyAsync(() -> refusal(id)).thenCompose(refused -> refused != null ? CompletableFuture.completedFuture(refused)
                : view.removeMember(id).thenCompose(v -> registry.unregister(id)).handle((v, e) -> {
                    if (e != null) {
                        return new ApiError(Errors.UNKNOWN_SERVER_ERROR, "could not remove node " + id + ": " + e.getMessage());
                    }
                    LOGGER.info("Node {} left the cluster", id);
                    executor.execute(this::refreshBrokers);
                    return ApiError.NONE;
                }));
    }

    /** Why node {@code id} may not leave now, or null when it may. */
    private ApiError refusal(int id) {
        if (id == nodeId) {
            return new ApiError(Errors.INVALID_REQUEST, "node " + id + " is running (it is the node asked); stop it first");
        }
        if (!nodeIds().contains(id)) {
            return new ApiError(Errors.BROKER_ID_NOT_REGISTERED, "node " + id + " is not a member");
        }
        if (view.answers(id)) {
            return new ApiError(Errors.INVALID_REQUEST, "node " + id + " is running; stop it first");
        }
        List<TopicPartition> holding = states.all().entrySet().stream()
                .filter(e -> e.getValue().state().replicas().contains(id)
                        || (e.getValue().state().targetReplicas() != null && e.getValue().state().targetReplicas().contains(id)))
                .map(Map.Entry::getKey).toList();
        if (!holding.isEmpty()) {
            return new ApiError(Errors.INVALID_REQUEST, "node " + id + " still holds replicas of " + holding.size() + " partitions ("
                    + holding.subList(0, Math.min(5, holding.size())) + "...); reassign them first");
        }
        List<String> queues = io.tributary.server.quorum.QuorumQueueFactory.queuesHeldBy(store, id);
        if (!queues.isEmpty()) {
            return new ApiError(Errors.INVALID_REQUEST, "node " + id + " still holds replicas of " + queues.size() + " quorum queues ("
                    + queues.subList(0, Math.min(5, queues.size())) + "...); remove them first (DELETE /api/queues/quorum/replicas/on/"
                    + id + "/shrink)");
        }
        return null;
    }

    @Override
    public void follow(String topic, LeadershipListener listener) {
        executor.execute(() -> {
            listeners.computeIfAbsent(topic, t -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listener);
            announced.forEach((tp, epoch) -> {
                if (tp.topic().equals(topic)) {
                    tell(listener, tp, epoch);
                }
            });
        });
    }

    /** Tells the topic's listeners when this node's leadership of {@code tp} changed (replication thread). */
    private void announce(TopicPartition tp) {
        LeaderRole role = led.get(tp);
        int epoch = role == null ? -1 : role.leaderEpoch;
        Integer before = announced.put(tp, epoch);
        if (before != null && before == epoch) {
            return;
        }
        for (LeadershipListener l : listeners.getOrDefault(tp.topic(), List.of())) {
            tell(l, tp, epoch);
        }
    }

    private static void tell(LeadershipListener l, TopicPartition tp, int epoch) {
        try {
            if (epoch >= 0) {
                l.elected(tp.partition(), epoch);
            } else {
                l.resigned(tp.partition());
            }
        } catch (RuntimeException e) {
            LOGGER.warn("A leadership listener failed for {}", tp, e);
        }
    }

    @Override
    public short defaultReplicationFactor() {
        return defaultReplication;
    }

    // ---- applying state changes (replication thread) ----

    private void applyAll() {
        try {
            Map<TopicPartition, PartitionStates.Stored> all = states.all();
            all.forEach(this::apply);
            for (TopicPartition tp : List.copyOf(known.keySet())) {
                if (!all.containsKey(tp)) {
                    apply(tp, null);
                }
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Could not apply the partition states", e);
        }
    }

    private void apply(TopicPartition tp) {
        apply(tp, states.get(tp));
    }

    /** Takes on the role {@code stored} (null: no state any more) gives this node, and tells the listeners. */
    private void apply(TopicPartition tp, PartitionStates.Stored stored) {
        applyState(tp, stored);
        announce(tp);
    }

    private void applyState(TopicPartition tp, PartitionStates.Stored stored) {
        if (stored == null) {
            known.remove(tp);
            resign(tp);
            unfollow(tp);
            return;
        }
        PartitionState s = stored.state();
        Optional<PartitionLog> log = logs.log(tp);
        if (log.isEmpty()) {
            // the topic record follows the state: until this node created the log, nobody here serves it
            known.put(tp, s);
            return;
        }
        known.put(tp, s);
        if (s.leader() == nodeId) {
            becomeLeader(tp, log.get(), s);
        } else if (s.leader() >= 0 && s.replicas().contains(nodeId)) {
            becomeFollower(tp, log.get(), s);
        } else {
            resign(tp);
            unfollow(tp);
            if (!s.replicas().contains(nodeId)) {
                dropReplicaData(tp, log.get());
            }
        }
    }

    /**
     * Empties the log of a partition this node is no longer a replica of (a reassignment moved it
     * away, possibly while this node was down), as Kafka deletes such a replica: the committed
     * assignment says the others hold the data. Added back later, the log catches up from the
     * leader's log start like any new replica.
     */
    private void dropReplicaData(TopicPartition tp, PartitionLog log) {
        if (log.sizeInBytes() == 0 && log.logEndOffset() == 0) {
            return;
        }
        LOGGER.info("{}: no longer a replica here; deleting its {} bytes (offsets {} to {})", tp, log.sizeInBytes(), log.logStartOffset(),
                log.logEndOffset());
        log.truncateFullyAndStartAt(0);
    }

    private void becomeLeader(TopicPartition tp, PartitionLog log, PartitionState s) {
        LeaderRole role = led.get(tp);
        if (role != null && role.leaderEpoch == s.leaderEpoch()) {
            role.replicas(s.replicas(), System.currentTimeMillis());
            role.isr(s.isr());
            return;
        }
        unfollow(tp);
        log.assignLeaderEpoch(s.leaderEpoch(), log.logEndOffset());
        led.put(tp, new LeaderRole(nodeId, log, s.leaderEpoch(), s.replicas(), s.isr(), System.currentTimeMillis()));
        LOGGER.info("{}: leader in epoch {} from offset {} (ISR {})", tp, s.leaderEpoch(), log.logEndOffset(), s.isr());
    }

    private void becomeFollower(TopicPartition tp, PartitionLog log, PartitionState s) {
        resign(tp);
        ReplicaFetcher current = fetchers.get(s.leader());
        FollowedPartition followed = current == null ? null : current.get(tp);
        if (followed != null && followed.leaderEpoch == s.leaderEpoch()) {
            return;
        }
        unfollow(tp);
        // from now on the high watermark moves only as the leader's does
        log.updateHighWatermarkBound(log.highWatermark());
        Optional<java.util.UUID> id = logs.topics().topic(tp.topic()).map(TopicDescription::topicId);
        if (id.isEmpty()) {
            return;
        }
        fetcher(s.leader()).add(tp, new FollowedPartition(log, id.get(), s.leaderEpoch()));
        LOGGER.info("{}: following leader {} in epoch {} from offset {}", tp, s.leader(), s.leaderEpoch(), log.logEndOffset());
    }

    private ReplicaFetcher fetcher(int leader) {
        return fetchers.computeIfAbsent(leader, id -> {
            ReplicaFetcher f = new ReplicaFetcher(nodeId, id, () -> endpoint(id), fetchWaitMs, fetchMaxBytes, clients);
            f.start();
            return f;
        });
    }

    private BrokerEndpoint endpoint(int id) {
        for (BrokerEndpoint b : brokers) {
            if (b.nodeId() == id) {
                return b;
            }
        }
        return null;
    }

    private void resign(TopicPartition tp) {
        if (led.remove(tp) != null) {
            LOGGER.info("{}: no longer the leader", tp);
        }
    }

    private void unfollow(TopicPartition tp) {
        fetchers.values().forEach(f -> f.remove(tp));
    }

    private void refreshBrokers() {
        brokers = registry.all();
    }

    // ---- ISR ----

    private void shrinkIsrs() {
        long now = System.currentTimeMillis();
        led.forEach((tp, role) -> {
            List<Integer> lagging = role.laggards(now, lagMaxMs);
            if (!lagging.isEmpty() && !role.isrChangePending) {
                role.isrChangePending = true;
                LOGGER.info("{}: followers {} fell behind for more than {} ms; leaving the ISR", tp, lagging, lagMaxMs);
                changeIsr(tp, role, s -> s.isr().stream().filter(r -> !lagging.contains(r)).toList());
            }
        });
    }

    /** Writes the ISR {@code change} computes from the stored state, if this node still leads in the role's epoch. */
    private void changeIsr(TopicPartition tp, LeaderRole role, java.util.function.Function<PartitionState, List<Integer>> change) {
        PartitionStates.Stored stored = states.get(tp);
        if (stored == null || stored.state().leader() != nodeId || stored.state().leaderEpoch() != role.leaderEpoch) {
            role.isrChangePending = false;
            return;
        }
        List<Integer> isr = change.apply(stored.state());
        if (isr.equals(stored.state().isr()) || isr.isEmpty()) {
            role.isrChangePending = false;
            return;
        }
        states.replace(tp, stored, stored.state().withIsr(isr)).whenComplete((written, e) -> {
            role.isrChangePending = false;
            executor.execute(() -> apply(tp));
        });
    }

    /**
     * Controlled shutdown, as Kafka's: before this node stops, each partition it leads is handed to
     * another in-sync replica (new leader epoch), and it leaves the ISR of those it follows, so
     * clients move at once instead of after {@code broker.session.timeout.ms}, and the high
     * watermark does not wait for it. Bounded; whatever does not finish is left to the controller.
     */
    private void handOver() {
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        for (Map.Entry<TopicPartition, PartitionStates.Stored> e : states.all().entrySet()) {
            PartitionState s = e.getValue().state();
            List<Integer> others = s.isr().stream().filter(r -> r != nodeId).toList();
            if (others.isEmpty() || !s.isr().contains(nodeId)) {
                continue; // the only in-sync replica keeps it: nobody else has everything
            }
            PartitionState next = s.leader() == nodeId ? s.withLeader(others.get(0), others) : s.withIsr(others);
            writes.add(states.replace(e.getKey(), e.getValue(), next));
        }
        if (writes.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            LOGGER.info("Handed over {} partitions before stopping", writes.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOGGER.warn("Could not hand over every partition before stopping ({}); the controller moves the rest", e.toString());
        }
    }

    @Override
    public void close() {
        // first stop copying, so that no fetch puts this node back into an ISR it is leaving
        fetchers.values().forEach(ReplicaFetcher::close);
        try {
            handOver();
        } catch (RuntimeException e) {
            LOGGER.warn("Controlled shutdown failed; the controller moves this node's partitions", e);
        }
        markers.close();
        store.removeListener(PartitionStates.KIND, stateListener);
        store.removeListener(BrokerRegistry.KIND, brokerListener);
        executor.shutdownNow();
        fetchers.values().forEach(ReplicaFetcher::close);
        fetchers.clear();
    }
}
