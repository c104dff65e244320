package io.tributary.server.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;

/**
 * The metadata group as one node sees it: itself ({@link PeerStatus}) and the members of the group's
 * current configuration.
 *
 * @param group the Raft group id
 * @param self this node's own status
 * @param members every member as id@address, in the stored configuration's order
 */
public record ClusterStatus(String group, PeerStatus self, List<String> members) {

    /** The current leader's id as this node knows it, or null. */
    public String leaderId() {
        return self.leaderId();
    }

    static ClusterStatus of(RaftOptions options, RaftServer server, int boundPort) {
        RaftServer.Division division;
        try {
            division = server.getDivision(RaftSetup.GROUP_ID);
        } catch (IOException e) {
            throw new IllegalStateException("the metadata group is not open on this node: " + e.getMessage(), e);
        }
        List<String> members = new ArrayList<>();
        for (RaftPeer p : division.getRaftConf().getCurrentPeers()) {
            members.add(p.getId() + "@" + p.getAddress());
        }
        String address = options.single() ? "127.0.0.1:" + boundPort : options.self().address();
        return new ClusterStatus(RaftSetup.GROUP_ID.getUuid().toString(), PeerStatus.local(division, address), List.copyOf(members));
    }
}
