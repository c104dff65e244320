package io.tributary.server.cluster;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * What this node's Raft server knows of one of its groups (the metadata group, a quorum queue's):
 * whether it leads, who does, and, on the leader, how long each follower has been silent. Answers
 * "no" / unknown when the group is not (or no longer) on the server.
 */
final class Divisions {
    private Divisions() {
    }

    /** True while this server leads the group and may write. */
    static boolean leads(RaftServer server, RaftGroupId group) {
        try {
            DivisionInfo info = server.getDivision(group).getInfo();
            return info.isLeader() && info.isLeaderReady();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The node id of the group's leader as this server knows it, -1 while there is none. */
    static int leaderNodeId(RaftServer server, RaftGroupId group) {
        try {
            RaftPeerId leader = server.getDivision(group).getInfo().getLeaderId();
            return leader == null ? -1 : Integer.parseInt(leader.toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** On the group's leader: milliseconds since each follower last answered it; elsewhere empty. */
    static Map<Integer, Long> followerSilenceMs(RaftServer server, RaftGroupId group) {
        try {
            DivisionInfo info = server.getDivision(group).getInfo();
            if (!info.isLeader()) {
                return Map.of();
            }
            Map<Integer, Long> out = new HashMap<>();
            for (org.apache.ratis.proto.RaftProtos.ServerRpcProto f : info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList()) {
                out.put(Integer.parseInt(f.getId().getId().toStringUtf8()), f.getLastRpcElapsedTimeMs());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
