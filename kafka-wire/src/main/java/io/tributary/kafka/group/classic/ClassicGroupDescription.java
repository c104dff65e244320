package io.tributary.kafka.group.classic;

import java.util.List;

/**
 * A classic group as DescribeGroups shows it. As in Kafka, members' metadata and assignments are
 * shown only while the group is stable, and the protocol is then named.
 */
public record ClassicGroupDescription(String groupId, String state, String protocolType, String protocolName, List<Member> members) implements io.tributary.kafka.group.GroupDescription {
    public ClassicGroupDescription {
        members = List.copyOf(members);
    }

    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost, byte[] metadata, byte[] assignment) {
    }
}
