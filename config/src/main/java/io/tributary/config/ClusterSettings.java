package io.tributary.config;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Cluster membership and the Raft group that replicates the cluster metadata. By default a broker
 * keeps its metadata in the single-node store ({@code cluster.metadata.store=local}); with
 * {@code cluster.peers}, or {@code cluster.metadata.store=raft}, it keeps it in the Raft group
 * (without peers, a one-peer group of its own: the same code, nothing to reach).
 */
public final class ClusterSettings {
    public static final String STORE_LOCAL = "local";
    public static final String STORE_RAFT = "raft";
    public static final Setting<String> METADATA_STORE = Setting.ofChoice("cluster.metadata.store", STORE_LOCAL,
            new LinkedHashSet<>(List.of(STORE_LOCAL, STORE_RAFT)),
            "Where the metadata (topics, exchanges, queues, bindings, users) lives: local = the single-node store in <data.dir>/meta,"
                    + " raft = the Raft group of cluster.peers (this node alone without peers). Setting cluster.peers implies raft."
                    + " Switching a node from local to raft merges its metadata into the group once; there is no way back yet.");
    public static final Setting<List<String>> PEERS = Setting.ofList("cluster.peers", List.of(), ClusterSettings::peersProblem,
            "The nodes of the cluster as id@host:port of their Raft servers, this node included (e.g."
                    + " 0@10.0.0.1:7000,1@10.0.0.2:7000,2@10.0.0.3:7000); empty = a single node.");
    public static final Setting<Integer> RAFT_PORT = Setting.ofInt("cluster.raft.port", 0, 0, 65535,
            "Port this node's Raft server binds; 0 = the port of this node's entry in cluster.peers (a free loopback"
                    + " port when there are no peers).");
    public static final Setting<String> RAFT_DIR = Setting.ofString("cluster.raft.dir", "",
            "Directory of the Raft log and metadata snapshots; empty = <data.dir>/meta/raft.");
    public static final Setting<Long> STARTUP_TIMEOUT_MS = Setting.ofLong("cluster.startup.timeout.ms", 60_000, 1_000, 3_600_000,
            "How long start-up waits for the Raft group to have a leader and for this node to catch up with it.");
    public static final Setting<Long> WRITE_TIMEOUT_MS = Setting.ofLong("cluster.write.timeout.ms", 15_000, 100, 3_600_000,
            "How long a metadata change waits to be committed by a majority before it fails.");
    public static final Setting<Integer> ELECTION_TIMEOUT_MS = Setting.ofInt("cluster.election.timeout.ms", 1_000, 50, 60_000,
            "A follower that hears nothing from the Raft leader for a random time between this and twice this starts an election.");
    public static final Setting<Long> SNAPSHOT_ENTRIES = Setting.ofLong("cluster.snapshot.entries", 10_000, 10, Long.MAX_VALUE,
            "Raft log entries after which the metadata is snapshotted and the log before it removed (also at every clean stop).");
    public static final Setting<Boolean> JOIN = Setting.ofBoolean("cluster.join", false,
            "Start as a new member of a running cluster: cluster.peers names its members and this node, and this node asks the"
                    + " group's leader to add it (the group's membership changes once it has caught up).");
    public static final Setting<String> INTERNAL_USER = Setting.ofString("cluster.internal.user", "tributary-internal",
            "The user the nodes' own Kafka clients (replica fetchers, transaction markers, stream forwarding) log in as when the"
                    + " Kafka listener uses SASL; created (or its password set) at start-up, and a Kafka super user.");
    public static final Setting<String> INTERNAL_PASSWORD = Setting.ofString("cluster.internal.password", "",
            "Password of cluster.internal.user, the same on every node; required in a cluster whose Kafka listener uses SASL.");
    public static final Setting<Long> REPLICA_LAG_TIME_MAX_MS = Setting.ofLong("replica.lag.time.max.ms", 30_000, 10, 3_600_000,
            "A follower that has not caught up with its leader's log end for this long leaves the in-sync replicas (Kafka's setting).");
    public static final Setting<Long> BROKER_SESSION_TIMEOUT_MS = Setting.ofLong("broker.session.timeout.ms", 9_000, 100, 3_600_000,
            "A node the Raft leader has not heard from for this long is taken as dead: its partitions get new leaders from their ISR.");
    public static final Setting<Boolean> UNCLEAN_LEADER_ELECTION = Setting.ofBoolean("unclean.leader.election.enable", false,
            "When every in-sync replica of a partition is dead, elect a live out-of-sync replica (losing what only the ISR had)"
                    + " instead of leaving the partition without a leader.");
    public static final Setting<Integer> REPLICA_FETCH_WAIT_MAX_MS = Setting.ofInt("replica.fetch.wait.max.ms", 500, 0, 60_000,
            "How long a follower's fetch waits at the leader for new data.");
    public static final Setting<Integer> REPLICA_FETCH_MAX_BYTES = Setting.ofInt("replica.fetch.max.bytes", 1_048_576, 1024, 1 << 30,
            "Bytes a follower asks for per partition and fetch.");

    private ClusterSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(METADATA_STORE, PEERS, RAFT_PORT, RAFT_DIR, STARTUP_TIMEOUT_MS, WRITE_TIMEOUT_MS, ELECTION_TIMEOUT_MS, SNAPSHOT_ENTRIES, JOIN, INTERNAL_USER, INTERNAL_PASSWORD,
                REPLICA_LAG_TIME_MAX_MS, BROKER_SESSION_TIMEOUT_MS, UNCLEAN_LEADER_ELECTION, REPLICA_FETCH_WAIT_MAX_MS, REPLICA_FETCH_MAX_BYTES);
    }

    /** Whether this node keeps its metadata in the Raft group (cluster.metadata.store=raft, or any peers). */
    public static boolean raftMetadata(BrokerConfig config) {
        return STORE_RAFT.equals(config.get(METADATA_STORE)) || !config.get(PEERS).isEmpty();
    }

    /** The configured peers, parsed (empty for a single node). */
    public static List<ClusterPeer> peers(BrokerConfig config) {
        return ClusterPeer.parseAll(config.get(PEERS));
    }

    private static String peersProblem(List<String> value) {
        try {
            ClusterPeer.parseAll(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a peer list: " + e.getMessage();
        }
    }
}
