package io.tributary.kafka.group.classic;

import io.tributary.kafka.group.GroupError;
import java.util.List;

/** The answer to a LeaveGroup: a group-level error, and one per member. */
public record LeaveGroupResult(GroupError error, List<Member> members) {
    public LeaveGroupResult {
        members = List.copyOf(members);
    }

    public record Member(String memberId, String groupInstanceId, GroupError error) {
    }
}
