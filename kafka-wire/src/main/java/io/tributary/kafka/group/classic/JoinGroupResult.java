package io.tributary.kafka.group.classic;

import io.tributary.kafka.group.GroupError;
import java.util.List;

/**
 * The answer to a JoinGroup: the generation the member joined, the protocol chosen and the leader;
 * the leader also gets every member's metadata, to compute the assignment from.
 */
public record JoinGroupResult(GroupError error, int generationId, String protocolType, String protocolName, String leaderId,
        boolean skipAssignment, String memberId, List<Member> members) {

    public JoinGroupResult {
        members = List.copyOf(members);
    }

    /** A member as the leader sees it: its metadata for the chosen protocol. */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {
    }

    public static JoinGroupResult error(GroupError error, String memberId) {
        return new JoinGroupResult(error, -1, null, null, "", false, memberId == null ? "" : memberId, List.of());
    }
}
