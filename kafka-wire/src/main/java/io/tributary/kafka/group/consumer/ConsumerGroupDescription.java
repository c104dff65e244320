package io.tributary.kafka.group.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A consumer-protocol group as ConsumerGroupDescribe shows it. */
public record ConsumerGroupDescription(String groupId, String state, int groupEpoch, int assignmentEpoch, String assignorName,
        List<Member> members) implements io.tributary.kafka.group.GroupDescription {
    public ConsumerGroupDescription {
        members = List.copyOf(members);
    }

    public record Member(String memberId, String instanceId, String rackId, int memberEpoch, String clientId, String clientHost,
            List<String> subscribedTopicNames, String subscribedTopicRegex, Map<UUID, Set<Integer>> assignment,
            Map<UUID, Set<Integer>> targetAssignment) {
    }
}
