package io.tributary.server.cluster;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ClusterPeer;
import io.tributary.config.ClusterSettings;
import io.tributary.config.NodeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link RaftMetadataStore} needs to start, taken from the broker's configuration
 * ({@link #from}) or given directly by tests (three stores in one JVM on ephemeral ports).
 *
 * @param nodeId this node's id, its Raft peer id
 * @param peers the group's members; empty = this node alone
 * @param bindHost the address the Raft server binds
 * @param raftPort the port it binds; 0 = this node's port in {@code peers} (ephemeral when alone)
 * @param raftDir the Raft storage directory (log, snapshots)
 * @param legacyMetaDir where a pre-cluster {@code metadata.log} may wait to be merged in; null = none
 * @param startupTimeout how long {@code open} waits for a leader and to catch up
 * @param writeTimeout how long a write waits for its commit before failing
 * @param electionTimeout the Raft election timeout (minimum; the maximum is twice it)
 * @param snapshotEntries log entries between snapshots
 * @param segmentBytes the Raft log's segment size (tests make it small, to purge and install snapshots)
 * @param join true for a new member of a running group: it asks the leader to add it ({@code cluster.join})
 */
public record RaftOptions(int nodeId, List<ClusterPeer> peers, String bindHost, int raftPort, Path raftDir, Path legacyMetaDir,
        Duration startupTimeout, Duration writeTimeout, Duration electionTimeout, long snapshotEntries, long segmentBytes, boolean join) {
    static final long DEFAULT_SEGMENT_BYTES = 4L << 20;

    public RaftOptions {
        peers = List.copyOf(peers);
    }

    /** The options of a broker whose data directory's metadata lives in {@code metaDir}. */
    public static RaftOptions from(BrokerConfig config, Path metaDir) {
        List<ClusterPeer> peers = ClusterSettings.peers(config);
        String dir = config.get(ClusterSettings.RAFT_DIR);
        return new RaftOptions(config.get(NodeSettings.NODE_ID), peers, peers.isEmpty() ? "127.0.0.1" : config.get(NodeSettings.BIND_HOST),
                config.get(ClusterSettings.RAFT_PORT), dir.isBlank() ? metaDir.resolve("raft") : Path.of(dir), metaDir,
                Duration.ofMillis(config.get(ClusterSettings.STARTUP_TIMEOUT_MS)), Duration.ofMillis(config.get(ClusterSettings.WRITE_TIMEOUT_MS)),
                Duration.ofMillis(config.get(ClusterSettings.ELECTION_TIMEOUT_MS)), config.get(ClusterSettings.SNAPSHOT_ENTRIES),
                DEFAULT_SEGMENT_BYTES, config.get(ClusterSettings.JOIN));
    }

    /** A copy with another peer list. */
    public RaftOptions withPeers(List<ClusterPeer> newPeers) {
        return new RaftOptions(nodeId, newPeers, bindHost, raftPort, raftDir, legacyMetaDir, startupTimeout, writeTimeout, electionTimeout,
                snapshotEntries, segmentBytes, join);
    }

    boolean single() {
        return peers.isEmpty();
    }

    /** This node's entry in {@code peers}, or null when alone or absent. */
    ClusterPeer self() {
        return peers.stream().filter(p -> p.id() == nodeId).findFirst().orElse(null);
    }
}
