package io.tributary.kafka.group.classic;

import java.util.List;

/** A LeaveGroup: one member (v0–v2) or several (v3+, by member id or group instance id). */
public record LeaveGroupParams(String groupId, List<Leaving> members) {
    public LeaveGroupParams {
        members = List.copyOf(members);
    }

    /** A member to remove; {@code memberId} may be empty when {@code groupInstanceId} names it. */
    public record Leaving(String memberId, String groupInstanceId, String reason) {
    }
}
