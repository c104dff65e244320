package io.tributary.server.cluster;

import io.tributary.config.ClusterPeer;
import io.tributary.config.ClusterSettings;
import io.tributary.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * What a node checks before it serves anything: that the group on disk has the members the
 * configuration names, that the group has a leader, and that this node has caught up with it (so
 * the topics, queues and users it loads next are the cluster's current ones). Each wait is bounded
 * by {@code cluster.startup.timeout.ms} and fails with one line naming the setting.
 */
final class StartupCheck {
    private static final long POLL_MS = 20;

    private final RaftOptions options;
    private final RaftServer server;
    private final long deadlineNanos;

    StartupCheck(RaftOptions options, RaftServer server) {
        this.options = options;
        this.server = server;
        this.deadlineNanos = System.nanoTime() + options.startupTimeout().toNanos();
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(RaftSetup.GROUP_ID);
        } catch (IOException e) {
            throw new ConfigException(ClusterSettings.RAFT_DIR.name(), "the Raft group in " + options.raftDir() + " is not open: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a group on disk that lacks a configured member (a wrong data directory or peer list).
     * It may have more: members added while this node ran (see {@code cluster.join}); the stored
     * group is the truth then.
     */
    void membershipMatches() {
        TreeMap<String, String> stored = new TreeMap<>();
        for (RaftPeer p : division().getRaftConf().getCurrentPeers()) {
            stored.put(p.getId().toString(), p.getAddress());
        }
        TreeMap<String, String> configured = new TreeMap<>();
        if (options.single()) {
            configured.put(RaftSetup.peerId(options.nodeId()).toString(), stored.get(RaftSetup.peerId(options.nodeId()).toString()));
        } else {
            options.peers().forEach(p -> configured.put(Integer.toString(p.id()), p.address()));
        }
        if (!stored.entrySet().containsAll(configured.entrySet()) || (options.single() && stored.size() != 1)) {
            throw new ConfigException(ClusterSettings.PEERS.name(), "the Raft group stored in " + options.raftDir() + " has the members "
                    + describe(stored) + " but cluster.peers says " + (options.single() ? "this node alone" : describe(configured))
                    + "; a member can be added (cluster.join), not replaced or removed");
        }
    }

    /** Sleeps a moment before another try of {@code what}; fails once {@code cluster.startup.timeout.ms} has passed. */
    void pause(String what) {
        if (System.nanoTime() > deadlineNanos) {
            throw new ConfigException(ClusterSettings.STARTUP_TIMEOUT_MS.name(), "gave up " + what + " after " + options.startupTimeout().toMillis()
                    + " ms");
        }
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(ClusterSettings.STARTUP_TIMEOUT_MS.name(), "interrupted while " + what, e);
        }
    }

    private static String describe(TreeMap<String, String> members) {
        return members.entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).collect(Collectors.joining(",", "[", "]"));
    }

    /** Waits until the group has a leader (a ready one, if it is this node); returns its id. */
    RaftPeerId awaitLeader() {
        while (true) {
            DivisionInfo info = division().getInfo();
            RaftPeerId leader = info.getLeaderId();
            if (leader != null && (!info.isLeader() || info.isLeaderReady())) {
                return leader;
            }
            if (!info.isAlive()) {
                throw new ConfigException(ClusterSettings.RAFT_DIR.name(), "the Raft server of node " + options.nodeId() + " stopped during start-up");
            }
            pauseOrFail("no Raft leader was elected");
        }
    }

    /** Waits until {@code barrier} (a ReadIndex read against this node) succeeds. */
    void awaitCaughtUp(Supplier<CompletableFuture<Void>> barrier) {
        while (true) {
            try {
                barrier.get().get(Math.max(1, remainingMillis()), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigException(ClusterSettings.STARTUP_TIMEOUT_MS.name(), "interrupted while catching up with the Raft leader");
            } catch (Exception e) {
                pauseOrFail("node " + options.nodeId() + " could not catch up with the Raft leader (" + RaftMetadataStore.rootMessage(e) + ")");
            }
        }
    }

    private long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private void pauseOrFail(String what) {
        if (remainingMillis() <= 0) {
            throw timedOut(what);
        }
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(ClusterSettings.STARTUP_TIMEOUT_MS.name(), "interrupted while waiting for a Raft leader");
        }
    }

    private ConfigException timedOut(String what) {
        String unreachable = unreachablePeers().stream().map(ClusterPeer::toString).collect(Collectors.joining(", "));
        return new ConfigException(ClusterSettings.PEERS.name(), what + " within " + options.startupTimeout().toMillis()
                + " ms (cluster.startup.timeout.ms)" + (unreachable.isEmpty() ? "" : "; unreachable: " + unreachable)
                + " (a majority of the peers must be running, with the same cluster.peers)");
    }

    /** The other peers whose Raft port does not accept a connection now. */
    private List<ClusterPeer> unreachablePeers() {
        List<ClusterPeer> out = new ArrayList<>();
        Set<Integer> seen = new TreeSet<>();
        for (ClusterPeer p : options.peers()) {
            if (p.id() == options.nodeId() || !seen.add(p.id())) {
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(p.host(), p.port()), 300);
            } catch (IOException e) {
                out.add(p);
            }
        }
        return out;
    }
}
