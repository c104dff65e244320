package io.tributary.kafka.handler.group;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.TopicCatalog;
import io.tributary.kafka.group.consumer.ConsumerGroupDescription;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.Uuids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData.Assignment;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData.DescribedGroup;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData.Member;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData.TopicPartitions;
import org.apache.kafka.common.requests.ConsumerGroupDescribeRequest;

/**
 * ConsumerGroupDescribe (v0–v1): consumer-protocol groups with each member's assignment and target
 * assignment. A classic group gets GROUP_ID_NOT_FOUND ("not a consumer group"), upon which admin
 * clients fall back to DescribeGroups.
 */
public final class ConsumerGroupDescribeHandler implements RequestHandler<ConsumerGroupDescribeRequest> {
    /** {@code MemberType}: a member using the consumer protocol. */
    private static final byte CONSUMER_MEMBER = 1;

    private final GroupCoordinator groups;
    private final TopicCatalog topics;

    public ConsumerGroupDescribeHandler(GroupCoordinator groups, TopicCatalog topics) {
        this.groups = groups;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<ConsumerGroupDescribeResponseData> handle(RequestContext context, ConsumerGroupDescribeRequest request) {
        boolean withOperations = request.data().includeAuthorizedOperations();
        boolean v1 = context.apiVersion() >= 1;
        List<CompletableFuture<DescribedGroup>> described = new ArrayList<>();
        for (String id : request.data().groupIds()) {
            described.add(groups.describeConsumerGroup(id).thenApply(d -> describe(d, withOperations, v1))
                    .exceptionally(e -> new DescribedGroup().setGroupId(id).setErrorCode(GroupResponses.code(e))
                            .setErrorMessage(KafkaErrorMapper.message(e))));
        }
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ConsumerGroupDescribeResponseData out = new ConsumerGroupDescribeResponseData();
            described.forEach(f -> out.groups().add(f.join()));
            return out;
        });
    }

    private DescribedGroup describe(ConsumerGroupDescription d, boolean withOperations, boolean v1) {
        DescribedGroup g = new DescribedGroup().setGroupId(d.groupId()).setGroupState(d.state()).setGroupEpoch(d.groupEpoch())
                .setAssignmentEpoch(d.assignmentEpoch()).setAssignorName(d.assignorName());
        if (withOperations) {
            g.setAuthorizedOperations(GroupOperations.ALL);
        }
        for (ConsumerGroupDescription.Member m : d.members()) {
            Member member = new Member().setMemberId(m.memberId()).setInstanceId(m.instanceId()).setRackId(m.rackId())
                    .setMemberEpoch(m.memberEpoch()).setClientId(m.clientId()).setClientHost(m.clientHost())
                    .setSubscribedTopicNames(new ArrayList<>(m.subscribedTopicNames())).setSubscribedTopicRegex(m.subscribedTopicRegex())
                    .setAssignment(assignment(m.assignment())).setTargetAssignment(assignment(m.targetAssignment()));
            if (v1) {
                member.setMemberType(CONSUMER_MEMBER);
            }
            g.members().add(member);
        }
        return g;
    }

    private Assignment assignment(Map<UUID, Set<Integer>> partitions) {
        Assignment a = new Assignment();
        partitions.forEach((id, ps) -> a.topicPartitions().add(new TopicPartitions().setTopicId(Uuids.toKafka(id))
                .setTopicName(topics.byId(id).map(TopicCatalog.TopicInfo::name).orElse("")).setPartitions(new ArrayList<>(ps))));
        return a;
    }
}
