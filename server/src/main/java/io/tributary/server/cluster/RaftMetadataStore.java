package io.tributary.server.cluster;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ClusterPeer;
import io.tributary.config.ClusterSettings;
import io.tributary.config.ConfigException;
import io.tributary.config.metadata.MetadataListener;
import io.tributary.config.metadata.MetadataStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated metadata store, one node or many: a Ratis group whose state machine holds the
 * kind → key → JSON records ({@link MetadataStateMachine}). With no {@code cluster.peers} the group
 * has one peer, this node, so a single node runs exactly the code a cluster runs.
 *
 * <p><b>Writes</b> go to the leader (this node's own Raft server when it leads, else through this
 * node's Raft client, which finds the leader wherever it is) and complete once a majority has the
 * entry in its fsynced log, the leader has applied it, <em>and this node has applied it too</em>; a
 * write not acknowledged within {@code cluster.write.timeout.ms} fails with
 * {@link MetadataUnavailableException} and is never reported as done. Writes from one node are
 * applied in the order they were made (one submit thread; Ratis' ordered client), except in the
 * moment this node loses leadership: a write its server refused then is retried through the client,
 * after writes already sent there. Callers that need one change after another chain on the futures. <b>Reads</b> ({@link #list}) are
 * served from this node's applied state: a node reads its own completed writes, and sees other
 * nodes' writes once it has applied them. {@link #sync()} is the linearizable barrier (Raft
 * ReadIndex): after it completes, {@code list} reflects every write completed anywhere before it.
 *
 * <p>Threads: callers never wait. Entries are handed to Ratis by one {@code metadata-submit} thread;
 * futures complete on the {@code metadata-callbacks} thread (do not block there). Start-up
 * ({@link #open}) blocks, bounded by {@code cluster.startup.timeout.ms}, until the group has a leader
 * and this node has caught up with it.
 */
public final class RaftMetadataStore implements MetadataStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(RaftMetadataStore.class);
    private static final Duration CLOSE_DRAIN = Duration.ofSeconds(5);

    private final RaftOptions options;
    private final MetadataStateMachine stateMachine;
    private final RaftServer server;
    private final RaftQuorumGroups quorumGroups;
    private final ExecutorService submitter;
    private final ScheduledExecutorService callbacks;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();
    private volatile RaftClient client;
    private volatile boolean closed;
    private int boundPort;

    private RaftMetadataStore(RaftOptions options, MetadataStateMachine stateMachine, RaftServer server, RaftQuorumGroups quorumGroups) {
        this.options = options;
        this.stateMachine = stateMachine;
        this.server = server;
        this.quorumGroups = quorumGroups;
        this.submitter = Executors.newSingleThreadExecutor(daemon("metadata-submit"));
        this.callbacks = Executors.newSingleThreadScheduledExecutor(daemon("metadata-callbacks"));
    }

    /**
     * Opens a broker's store: the Raft group of {@code cluster.peers} (this node alone when empty),
     * storage under {@code cluster.raft.dir} (default {@code <metaDir>/raft}); a pre-cluster
     * {@code metaDir/metadata.log} is merged in once.
     *
     * @throws ConfigException naming the setting at fault: a peer list without this node, a group on
     *     disk with other members, no leader within {@code cluster.startup.timeout.ms}, storage that
     *     cannot be opened
     */
    public static RaftMetadataStore open(BrokerConfig config, Path metaDir) {
        return open(RaftOptions.from(config, metaDir));
    }

    /** Opens a store from explicit options (tests); failures as {@link #open(BrokerConfig, Path)}. */
    public static RaftMetadataStore open(RaftOptions options) {
        if (!options.single() && options.self() == null) {
            throw new ConfigException(ClusterSettings.PEERS.name(), "node.id " + options.nodeId() + " is not one of the peers " + options.peers());
        }
        long startedAt = System.nanoTime();
        MetadataStateMachine sm = new MetadataStateMachine();
        RaftQuorumGroups quorumGroups = new RaftQuorumGroups();
        RaftServer server;
        try {
            server = RaftServer.newBuilder().setServerId(RaftSetup.peerId(options.nodeId())).setGroup(RaftSetup.serverGroup(options))
                    .setStateMachineRegistry(quorumGroups.registry(sm)).setProperties(RaftSetup.serverProperties(options)).setParameters(new Parameters())
                    .setOption(RaftStorage.StartupOption.RECOVER).build();
            server.start();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(ClusterSettings.RAFT_DIR.name(), "the Raft server (storage " + options.raftDir() + ", port "
                    + RaftSetup.bindPort(options) + ") cannot start: " + rootMessage(e), e);
        }
        quorumGroups.attach(server, options);
        RaftMetadataStore store = new RaftMetadataStore(options, sm, server, quorumGroups);
        try {
            store.start(startedAt);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void start(long startedAt) {
        boundPort = server.getServerRpc().getInetSocketAddress().getPort();
        StartupCheck check = new StartupCheck(options, server);
        check.membershipMatches();
        if (options.join()) {
            join(check);
        }
        check.awaitLeader();
        check.awaitCaughtUp(this::sync);
        LegacyMetadataMigration.run(this, options);
        LOGGER.info("Cluster metadata ready in {} ms: node {} of {} (leader {}, Raft port {}, applied index {})",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), options.nodeId(),
                options.single() ? "a single-node group" : options.peers().size() + " peers " + options.peers(), leader(), boundPort,
                stateMachine.getLastAppliedTermIndex().getIndex());
    }

    // ---- reads ----

    @Override
    public Map<String, String> list(String kind) {
        return stateMachine.state().list(kind);
    }

    @Override
    public String get(String kind, String key) {
        return stateMachine.state().get(kind, key);
    }

    /** Every kind with its number of records, from this node's applied state. */
    public Map<String, Integer> kinds() {
        return stateMachine.state().kinds();
    }

    /**
     * The linearizable barrier: completes once this node has applied everything the leader had
     * committed when it was called (Raft ReadIndex), so a following {@link #list} reflects every
     * write completed anywhere before.
     */
    /** {@link #sync()}, then every change it made visible delivered to the listeners. */
    @Override
    public CompletableFuture<Void> catchUp() {
        return sync().thenCompose(v -> stateMachine.listeners().delivered());
    }

    public CompletableFuture<Void> sync() {
        Message query = Message.valueOf(ByteString.copyFrom(MetadataCommandFormat.kindsQuery()));
        RaftPeerId self = RaftSetup.peerId(options.nodeId());
        return track(send(query, c -> c.async().sendReadOnlyUnordered(query, self), false), false).thenApply(r -> null);
    }

    // ---- writes ----

    @Override
    public CompletableFuture<Void> put(String kind, String key, String json) {
        return submit(new MetadataCommand.Put(kind, key, json)).thenApply(n -> null);
    }

    /** Decided by the Raft log: of nodes racing for one key, the first entry applied wins. */
    @Override
    public CompletableFuture<Boolean> putIfAbsent(String kind, String key, String json) {
        return submit(new MetadataCommand.PutIfAbsent(kind, key, json)).thenApply(n -> n > 0);
    }

    /** One Raft entry: a batch of put-if-absent commands, each decided as its own. */
    @Override
    public CompletableFuture<Integer> putAllIfAbsent(String kind, Map<String, String> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        java.util.List<MetadataCommand> commands = new java.util.ArrayList<>(records.size());
        records.forEach((key, json) -> commands.add(new MetadataCommand.PutIfAbsent(kind, key, json)));
        return submit(new MetadataCommand.Batch(commands));
    }

    /** Decided by the Raft log: of nodes racing from the same expected JSON, the first entry applied wins. */
    @Override
    public CompletableFuture<Boolean> compareAndPut(String kind, String key, String expectedJson, String json) {
        return submit(new MetadataCommand.CompareAndPut(kind, key, expectedJson, json)).thenApply(n -> n > 0);
    }

    @Override
    public CompletableFuture<Void> delete(String kind, String key) {
        return submit(new MetadataCommand.Delete(kind, key)).thenApply(n -> null);
    }

    /**
     * Listeners hear of every change the state machine applies, from any node, in log order, on
     * this store's {@code metadata-listeners} thread; changes applied while the store opened (the
     * catch-up before {@link #open} returns) are already in {@link #list} and are not replayed.
     */
    @Override
    public void addListener(String kind, MetadataListener listener) {
        stateMachine.listeners().add(kind, listener);
    }

    @Override
    public void removeListener(String kind, MetadataListener listener) {
        stateMachine.listeners().remove(kind, listener);
    }

    /** Commits one command; the future completes, with how many records it changed, once this node applied it. */
    CompletableFuture<Integer> submit(MetadataCommand command) {
        ByteString bytes;
        try {
            bytes = ByteString.copyFrom(MetadataCommandFormat.encode(command));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        Message message = Message.valueOf(bytes);
        return track(send(message, c -> c.async().send(message), true), true)
                .thenApply(reply -> MetadataCommandFormat.decodeReply(reply.getMessage().getContent().asReadOnlyByteBuffer()));
    }

    /**
     * Hands a request to Ratis on the submit thread; the reply arrives on a Ratis thread. When this
     * node leads, the request goes straight to its own server (no loopback RPC: a single node never
     * dials itself); otherwise, or when leadership moved meanwhile, through the Raft client, which
     * finds the leader and retries.
     */
    private CompletableFuture<RaftClientReply> send(Message message, Function<RaftClient, CompletableFuture<RaftClientReply>> viaClient,
            boolean write) {
        CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
        if (closed) {
            reply.completeExceptionally(new MetadataUnavailableException("the metadata store is closed"));
            return reply;
        }
        submitter.execute(() -> {
            try {
                CompletableFuture<RaftClientReply> local = leadsNow() ? submitLocally(message, write) : null;
                CompletableFuture<RaftClientReply> answer = local == null ? viaClient.apply(client())
                        : local.thenCompose(r -> movedAway(r) ? viaClientOnSubmitter(viaClient) : CompletableFuture.completedFuture(r));
                answer.whenComplete((r, e) -> {
                    if (e != null) {
                        reply.completeExceptionally(unavailable(write, e));
                    } else if (!r.isSuccess()) {
                        reply.completeExceptionally(unavailable(write, r.getException()));
                    } else {
                        reply.complete(r);
                    }
                });
            } catch (RuntimeException e) {
                reply.completeExceptionally(unavailable(write, e));
            }
        });
        return reply;
    }

    /**
     * {@code cluster.join}: asks the running group (reached through the configured peers other than
     * this node) to add this node to its current members. Ratis' leader first catches the new
     * member up (log or snapshot), then commits the new configuration; until then this node serves
     * nothing. A node that already is a member (a restart with the setting left on) asks nothing.
     */
    private void join(StartupCheck check) {
        List<ClusterPeer> others = options.peers().stream().filter(p -> p.id() != options.nodeId()).toList();
        org.apache.ratis.protocol.RaftGroup running = org.apache.ratis.protocol.RaftGroup.valueOf(RaftSetup.GROUP_ID, RaftSetup.peers(others));
        RaftPeer self = RaftSetup.peer(options.nodeId(), options.self().address());
        try (RaftClient c = RaftClient.newBuilder().setClientId(ClientId.randomId()).setRaftGroup(running)
                .setProperties(RaftSetup.clientProperties(options)).setParameters(new Parameters())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(10, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .build()) {
            while (true) {
                try {
                    List<RaftPeer> current = ClusterProbe.membersVia(c, others);
                    if (current.stream().anyMatch(p -> p.getId().equals(self.getId()))) {
                        LOGGER.info("Node {} is a member of the cluster: {}", options.nodeId(), current);
                        return;
                    }
                    List<RaftPeer> next = new ArrayList<>(current);
                    next.add(self);
                    LOGGER.info("Joining the cluster: asking its leader to change the members from {} to {}", current, next);
                    RaftClientReply reply = c.admin().setConfiguration(next);
                    if (reply.isSuccess()) {
                        LOGGER.info("Node {} joined the cluster", options.nodeId());
                        return;
                    }
                    LOGGER.info("The membership change was not made yet ({}); retrying", reply.getException());
                } catch (IOException | RuntimeException e) {
                    LOGGER.info("Could not join the cluster yet ({}); retrying", rootMessage(e));
                }
                check.pause("joining the running cluster through " + others);
            }
        } catch (IOException e) {
            throw new ConfigException(ClusterSettings.JOIN.name(), "cannot reach the running cluster " + others + ": " + rootMessage(e), e);
        }
    }

    /** The quorum queue groups on this node's Raft server (ADR 007). */
    public RaftQuorumGroups quorumGroups() {
        return quorumGroups;
    }

    /** The first index this node's metadata log still holds (earlier ones were purged after a snapshot). */
    long logStartIndex() {
        try {
            return server.getDivision(RaftSetup.GROUP_ID).getRaftLog().getStartIndex();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The ids of the group's members in its current configuration. */
    public List<Integer> memberIds() {
        try {
            List<Integer> ids = new ArrayList<>();
            for (RaftPeer p : server.getDivision(RaftSetup.GROUP_ID).getRaftConf().getCurrentPeers()) {
                ids.add(Integer.parseInt(p.getId().toString()));
            }
            return ids;
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Whether a member's Raft server answers a group-info request within a second (it runs). */
    public boolean answers(int nodeId) {
        try {
            for (RaftPeer p : server.getDivision(RaftSetup.GROUP_ID).getRaftConf().getCurrentPeers()) {
                if (p.getId().toString().equals(Integer.toString(nodeId))) {
                    return ClusterProbe.ask(List.of(RaftSetup.clusterPeer(p)), Duration.ofSeconds(1)).get(0).answered();
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Changes the group's members to the current ones but {@code nodeId} (through the leader). */
    public CompletableFuture<Void> removeMember(int nodeId) {
        return CompletableFuture.runAsync(() -> {
            try {
                List<RaftPeer> next = new ArrayList<>();
                for (RaftPeer p : server.getDivision(RaftSetup.GROUP_ID).getRaftConf().getCurrentPeers()) {
                    if (!p.getId().toString().equals(Integer.toString(nodeId))) {
                        next.add(p);
                    }
                }
                RaftClientReply reply = client().admin().setConfiguration(next);
                if (!reply.isSuccess()) {
                    throw new MetadataUnavailableException("the members were not changed: " + reply.getException(), reply.getException());
                }
                LOGGER.info("Removed node {} from the metadata group: members now {}", nodeId, next);
            } catch (IOException e) {
                throw new MetadataUnavailableException("cannot change the members: " + rootMessage(e), e);
            }
        });
    }

    /** True while this node's Raft server leads the group and may write (the cluster's controller). */
    public boolean isLeaderNow() {
        return leadsNow();
    }

    /** The node id of the group's leader as this node knows it, -1 while there is none. */
    public int leaderNodeId() {
        return Divisions.leaderNodeId(server, RaftSetup.GROUP_ID);
    }

    /**
     * Milliseconds since this node was last in touch with the quorum: on the leader the silence of
     * the follower that completes a majority, on a follower since the leader's last call, on a
     * candidate since it lost its leader (how long it has been a candidate, at least).
     */
    public long quorumSilenceMs() {
        try {
            DivisionInfo info = server.getDivision(RaftSetup.GROUP_ID).getInfo();
            org.apache.ratis.proto.RaftProtos.RoleInfoProto role = info.getRoleInfoProto();
            if (info.isLeader()) {
                List<Long> silences = new ArrayList<>();
                for (org.apache.ratis.proto.RaftProtos.ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
                    silences.add(f.getLastRpcElapsedTimeMs());
                }
                silences.sort(null);
                // with n voters the leader and the n/2 most recently heard followers are a majority
                int needed = (silences.size() + 1) / 2;
                return needed == 0 ? 0 : silences.get(needed - 1);
            }
            if (info.isFollower()) {
                return role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
            }
            return role.getRoleElapsedTimeMs();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * On the leader: milliseconds since each follower last answered it (Raft heartbeats run every
     * fraction of the election timeout, so this grows only for a dead, paused or cut-off node);
     * elsewhere empty.
     */
    public Map<Integer, Long> followerSilenceMs() {
        return Divisions.followerSilenceMs(server, RaftSetup.GROUP_ID);
    }

    private boolean leadsNow() {
        return Divisions.leads(server, RaftSetup.GROUP_ID);
    }

    /** Submits to this node's own server; null when it refused the request outright. */
    private CompletableFuture<RaftClientReply> submitLocally(Message message, boolean write) {
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(localClientId).setServerId(RaftSetup.peerId(options.nodeId()))
                .setGroupId(RaftSetup.GROUP_ID).setCallId(localCallIds.incrementAndGet()).setMessage(message)
                .setType(write ? RaftClientRequest.writeRequestType() : RaftClientRequest.readRequestType()).build();
        try {
            return server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * This node's Raft client, built when first needed (on the submit thread, its only user): a
     * node that leads, as a one-node group always does, never needs it.
     */
    private RaftClient client() {
        if (client == null) {
            String known = leader();
            RaftClient.Builder b = RaftClient.newBuilder().setClientId(ClientId.randomId()).setRaftGroup(RaftSetup.clientGroup(options, boundPort))
                    .setProperties(RaftSetup.clientProperties(options)).setParameters(new Parameters())
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                            (int) Math.max(3, options.writeTimeout().toMillis() / 100), TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)));
            if (known != null) {
                b.setLeaderId(RaftPeerId.valueOf(known));
            }
            client = b.build();
        }
        return client;
    }

    /** Whether a local submission was refused because this node no longer leads (then the client retries it). */
    private static boolean movedAway(RaftClientReply r) {
        return !r.isSuccess() && (r.getNotLeaderException() != null || r.getException() instanceof LeaderNotReadyException);
    }

    private CompletableFuture<RaftClientReply> viaClientOnSubmitter(Function<RaftClient, CompletableFuture<RaftClientReply>> viaClient) {
        CompletableFuture<RaftClientReply> out = new CompletableFuture<>();
        try {
            submitter.execute(() -> viaClient.apply(client()).whenComplete((r, e) -> {
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(r);
                }
            }));
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(new MetadataUnavailableException("the metadata store is closed"));
        }
        return out;
    }

    /**
     * The reply, completed on the callbacks thread once it came and (for a write) this node applied
     * its index; failed at the write timeout. Tracked, so that close can let it finish.
     */
    private CompletableFuture<RaftClientReply> track(CompletableFuture<RaftClientReply> reply, boolean awaitApplied) {
        CompletableFuture<RaftClientReply> result = new CompletableFuture<>();
        inFlight.add(result);
        result.whenComplete((v, e) -> inFlight.remove(result));
        ScheduledFuture<?> timeout;
        try {
            timeout = callbacks.schedule(() -> result.completeExceptionally(new MetadataUnavailableException(
                    "not acknowledged by a majority within " + options.writeTimeout().toMillis() + " ms (cluster.write.timeout.ms); "
                            + describeLeader())), options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new MetadataUnavailableException("the metadata store is closed"));
            return result;
        }
        reply.thenCompose(r -> awaitApplied ? stateMachine.whenApplied(r.getLogIndex()).thenApply(v -> r) : CompletableFuture.completedFuture(r))
                .whenCompleteAsync((r, e) -> {
                    timeout.cancel(false);
                    if (e != null) {
                        result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    } else {
                        result.complete(r);
                    }
                }, callbacks);
        return result;
    }

    private MetadataUnavailableException unavailable(boolean write, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof MetadataUnavailableException m) {
            return m;
        }
        return new MetadataUnavailableException((write ? "metadata change" : "metadata read") + " not acknowledged: " + rootMessage(cause)
                + "; " + describeLeader(), cause);
    }

    // ---- status ----

    /** This node's view of the group: its role, the leader, term and indexes, the members. */
    public ClusterStatus status() {
        return ClusterStatus.of(options, server, boundPort);
    }

    /** The current leader's peer id as this node knows it, or null. */
    public String leader() {
        ClusterStatus s = status();
        return s.leaderId();
    }

    private String describeLeader() {
        try {
            String leader = leader();
            return leader == null ? "no Raft leader known to node " + options.nodeId() : "leader is node " + leader;
        } catch (RuntimeException e) {
            return "Raft server unavailable";
        }
    }

    /** The port this node's Raft server bound. */
    public int raftPort() {
        return boundPort;
    }

    public RaftOptions options() {
        return options;
    }

    // ---- lifecycle ----

    /**
     * Lets in-flight writes finish (a few seconds at most), then stops the client and the Raft server;
     * the server snapshots the state on its way down. Idempotent.
     *
     * @throws IllegalStateException when the Raft server did not close cleanly
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(CLOSE_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOGGER.warn("{} metadata changes were still unacknowledged at close", inFlight.size());
        }
        submitter.shutdown();
        try {
            // The submit thread is the client's only user (and builds it): let it finish first.
            submitter.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Exception failure = null;
        quorumGroups.close();
        try {
            if (client != null) {
                client.close();
            }
        } catch (IOException e) {
            failure = e;
        }
        try {
            server.close();
        } catch (IOException e) {
            failure = e;
        }
        MetadataUnavailableException closedNow = new MetadataUnavailableException("the metadata store closed before the change was acknowledged");
        stateMachine.failWaiters(closedNow);
        stateMachine.listeners().close();
        inFlight.forEach(f -> f.completeExceptionally(closedNow));
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("the Raft server did not close cleanly: " + failure.getMessage(), failure);
        }
    }

    @Override
    public String toString() {
        return "RaftMetadataStore(node " + options.nodeId() + ", " + options.raftDir() + ")";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
