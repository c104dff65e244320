package io.tributary.server.cluster;

import io.tributary.config.ClusterPeer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

/**
 * Asks every peer of the metadata group how it sees the group (Ratis' group-info request to its Raft
 * port), for {@code tributary cluster status}: needs no broker of its own and no majority, so it also
 * shows a group that has lost its leader. Blocking; at most {@code timeout} per peer.
 */
public final class ClusterProbe {
    private ClusterProbe() {
    }

    /**
     * The group's members now, as the first of {@code peers} that answers has them (nodes that
     * joined included, removed ones not); the given peers when none answers.
     */
    public static List<ClusterPeer> members(List<ClusterPeer> peers, Duration timeout) {
        try (RaftClient client = client(peers, timeout)) {
            List<ClusterPeer> out = new ArrayList<>();
            membersVia(client, peers).forEach(m -> out.add(RaftSetup.clusterPeer(m)));
            out.sort((a, b) -> Integer.compare(a.id(), b.id()));
            return out;
        } catch (IOException | RuntimeException e) {
            return peers;
        }
    }

    /** The group's current members as the first of {@code peers} that answers {@code client} has them. */
    static List<org.apache.ratis.protocol.RaftPeer> membersVia(RaftClient client, List<ClusterPeer> peers) throws IOException {
        IOException last = null;
        for (ClusterPeer p : peers) {
            try {
                return List.copyOf(client.getGroupManagementApi(RaftSetup.peerId(p.id())).info(RaftSetup.GROUP_ID).getGroup().getPeers());
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no peer to ask");
    }

    /** One status per peer, in the order given; an unreachable peer says why. */
    public static List<PeerStatus> ask(List<ClusterPeer> peers, Duration timeout) {
        List<PeerStatus> out = new ArrayList<>();
        try (RaftClient client = client(peers, timeout)) {
            for (ClusterPeer p : peers) {
                try {
                    GroupInfoReply reply = client.getGroupManagementApi(RaftSetup.peerId(p.id())).info(RaftSetup.GROUP_ID);
                    out.add(PeerStatus.remote(p.address(), reply));
                } catch (IOException | RuntimeException e) {
                    out.add(PeerStatus.unreachable(Integer.toString(p.id()), p.address(), RaftMetadataStore.rootMessage(e)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("closing the Raft client failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** A client that asks each peer once, waiting at most {@code timeout}. */
    private static RaftClient client(List<ClusterPeer> peers, Duration timeout) {
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(timeout.toMillis(), TimeUnit.MILLISECONDS));
        return RaftClient.newBuilder().setClientId(ClientId.randomId()).setRaftGroup(RaftGroup.valueOf(RaftSetup.GROUP_ID, RaftSetup.peers(peers)))
                .setProperties(properties).setRetryPolicy(RetryPolicies.noRetry()).build();
    }
}
