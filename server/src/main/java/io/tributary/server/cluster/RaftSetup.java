package io.tributary.server.cluster;

import io.tributary.config.ClusterPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * How Tributary configures Ratis: the one group id, peer ids and addresses, and the server and
 * client properties derived from {@link RaftOptions}. Everything Ratis-specific about configuration
 * is here, so the rest of the package reads as Raft, not as Ratis keys.
 */
final class RaftSetup {
    /** The metadata group; the same on every node of every cluster (a node belongs to one cluster). */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("tributary-cluster-metadata".getBytes(StandardCharsets.UTF_8)));
    /** Largest log entry the appender sends; entries are capped below it ({@link MetadataCommandFormat#MAX_ENTRY_BYTES}). */
    static final SizeInBytes APPENDER_BUFFER = SizeInBytes.valueOf(2L << 20);

    private RaftSetup() {
    }

    static RaftPeerId peerId(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    static RaftPeer peer(int nodeId, String address) {
        return RaftPeer.newBuilder().setId(peerId(nodeId)).setAddress(address).build();
    }

    /**
     * The group as the server is started with it. Alone, the node's address is never dialled (a
     * one-peer group elects itself and the local client is given the bound port), so it is written
     * as port 0.
     */
    static RaftGroup serverGroup(RaftOptions o) {
        if (o.single()) {
            return RaftGroup.valueOf(GROUP_ID, peer(o.nodeId(), o.bindHost() + ":0"));
        }
        return RaftGroup.valueOf(GROUP_ID, peers(o.peers()));
    }

    /** The group as this node's client dials it: its own entry at the port actually bound. */
    static RaftGroup clientGroup(RaftOptions o, int boundPort) {
        if (o.single()) {
            return RaftGroup.valueOf(GROUP_ID, peer(o.nodeId(), "127.0.0.1:" + boundPort));
        }
        return RaftGroup.valueOf(GROUP_ID, peers(o.peers()));
    }

    /** A Ratis peer as the configuration names peers ({@code id@host:port}). */
    static ClusterPeer clusterPeer(RaftPeer p) {
        return ClusterPeer.parse(p.getId() + "@" + p.getAddress());
    }

    static List<RaftPeer> peers(List<ClusterPeer> peers) {
        List<RaftPeer> out = new ArrayList<>();
        for (ClusterPeer p : peers) {
            out.add(peer(p.id(), p.address()));
        }
        return out;
    }

    /** The port the Raft server binds. */
    static int bindPort(RaftOptions o) {
        if (o.raftPort() != 0 || o.single()) {
            return o.raftPort();
        }
        return o.self().port();
    }

    static RaftProperties serverProperties(RaftOptions o) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(o.raftDir().toFile()));
        GrpcConfigKeys.Server.setHost(p, o.bindHost());
        GrpcConfigKeys.Server.setPort(p, bindPort(o));
        long election = o.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(election));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(2 * election));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(3_000, 2 * election)));
        if (o.single()) {
            // Nobody to wait for: elect itself at once, so a one-node broker starts without delay.
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(5));
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(10));
        }
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        // Reads served by followers through ReadIndex (the start-up barrier and linearizable reads).
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // Snapshots every N entries and at every stop; the log before a snapshot is removed, and a
        // follower that needs it gets the snapshot instead.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, o.snapshotEntries());
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, Math.max(1, o.snapshotEntries() / 2)));
        // keep that many entries before a snapshot too: a follower a little behind (a pause, a busy
        // moment) catches up from the log rather than a snapshot, and Ratis 3.3 mishandles a snapshot
        // sent to a follower that already wrote past it (its log worker asserts; README, Limits)
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, Math.min(1024, Math.max(1, o.snapshotEntries() / 2)));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(o.segmentBytes()));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(o.segmentBytes(), 1L << 20)));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, APPENDER_BUFFER);
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(APPENDER_BUFFER.getSize() + 64 * 1024));
        RaftServerConfigKeys.setCloseThreshold(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));
        return p;
    }

    static RaftProperties clientProperties(RaftOptions o) {
        RaftProperties p = new RaftProperties();
        long election = o.electionTimeout().toMillis();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(3_000, 2 * election)));
        // More in flight than this and Ratis' ordered client blocks the sender (our submit thread).
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, 4096);
        return p;
    }

    private static TimeDuration ms(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
