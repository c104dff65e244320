package io.tributary.server.cluster;

import java.util.Locale;
import org.apache.ratis.proto.RaftProtos.LogInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * One member of the metadata group as it describes itself: its Raft role and term, the leader it
 * follows, and how far its log is committed, applied and snapshotted. {@code error} is set instead
 * when it could not be asked.
 *
 * @param id the peer (node) id
 * @param address its Raft address
 * @param role leader, follower, candidate or listener (lower case)
 * @param term its current term
 * @param leaderId the leader it knows of, or null
 * @param committedIndex its last committed log index
 * @param appliedIndex its last applied log index
 * @param snapshotIndex the log index of its latest snapshot (-1 if none)
 * @param error why it could not be asked, or null
 */
public record PeerStatus(String id, String address, String role, long term, String leaderId, long committedIndex, long appliedIndex,
        long snapshotIndex, String error) {

    /** Whether the peer answered (its Raft server runs). */
    public boolean answered() {
        return !"unreachable".equals(role);
    }

    static PeerStatus unreachable(String id, String address, String error) {
        return new PeerStatus(id, address, "unreachable", -1, null, -1, -1, -1, error);
    }

    /** This node, from its own Raft division. */
    static PeerStatus local(RaftServer.Division division, String address) {
        DivisionInfo info = division.getInfo();
        String leader = info.getLeaderId() == null ? null : info.getLeaderId().toString();
        return new PeerStatus(division.getId().toString(), address, info.getCurrentRole().name().toLowerCase(Locale.ROOT), info.getCurrentTerm(),
                leader, division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(), division.getRaftLog().getSnapshotIndex(),
                null);
    }

    /** A peer, from its answer to a group-info request. */
    static PeerStatus remote(String address, GroupInfoReply reply) {
        RoleInfoProto role = reply.getRoleInfoProto();
        String leader = null;
        if (role.hasLeaderInfo()) {
            leader = role.getSelf().getId().toStringUtf8();
        } else if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            leader = role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
        }
        LogInfoProto log = reply.getLogInfoProto();
        long term = role.hasLeaderInfo() ? role.getLeaderInfo().getTerm() : log.getLastEntry().getTerm();
        return new PeerStatus(role.getSelf().getId().toStringUtf8(), address, role.getRole().name().toLowerCase(Locale.ROOT), term,
                leader == null || leader.isEmpty() ? null : leader, log.getCommitted().getIndex(), log.getApplied().getIndex(),
                log.hasLastSnapshot() ? log.getLastSnapshot().getIndex() : -1, null);
    }
}
