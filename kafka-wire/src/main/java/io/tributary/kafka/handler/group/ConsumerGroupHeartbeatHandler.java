package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.consumer.ConsumerHeartbeatParams;
import io.tributary.kafka.group.consumer.ConsumerHeartbeatResult;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.Uuids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData.TopicPartitions;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData.Assignment;
import org.apache.kafka.common.requests.ConsumerGroupHeartbeatRequest;

/**
 * ConsumerGroupHeartbeat (v0–v1, KIP-848): join, heartbeat and leave of the consumer protocol
 * ({@code group.protocol=consumer}); the server assigns partitions. v1 members bring their own
 * member id (KIP-1082) and may subscribe by regular expression.
 */
public final class ConsumerGroupHeartbeatHandler implements RequestHandler<ConsumerGroupHeartbeatRequest> {
    private final GroupCoordinator groups;

    public ConsumerGroupHeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<ConsumerGroupHeartbeatResponseData> handle(RequestContext context, ConsumerGroupHeartbeatRequest request) {
        ConsumerGroupHeartbeatRequestData d = request.data();
        Map<UUID, Set<Integer>> owned = null;
        if (d.topicPartitions() != null) {
            owned = new HashMap<>();
            for (TopicPartitions t : d.topicPartitions()) {
                owned.computeIfAbsent(Uuids.fromKafka(t.topicId()), k -> new TreeSet<>()).addAll(t.partitions());
            }
        }
        ConsumerHeartbeatParams params = new ConsumerHeartbeatParams(d.groupId(), d.memberId(), d.memberEpoch(), d.instanceId(), d.rackId(),
                d.rebalanceTimeoutMs(), d.subscribedTopicNames(), context.apiVersion() >= 1 ? d.subscribedTopicRegex() : null,
                d.serverAssignor(), owned, GroupResponses.clientId(context), GroupResponses.clientHost(context), context.apiVersion());
        return groups.consumerGroupHeartbeat(params).thenApply(ConsumerGroupHeartbeatHandler::response);
    }

    private static ConsumerGroupHeartbeatResponseData response(ConsumerHeartbeatResult r) {
        ConsumerGroupHeartbeatResponseData out = new ConsumerGroupHeartbeatResponseData()
                .setErrorCode(GroupResponses.code(r.error()))
                .setErrorMessage(r.errorMessage())
                .setMemberId(r.memberId())
                .setMemberEpoch(r.memberEpoch())
                .setHeartbeatIntervalMs(r.heartbeatIntervalMs());
        if (r.assignment() != null) {
            Assignment a = new Assignment();
            r.assignment().forEach((topic, partitions) -> a.topicPartitions().add(new ConsumerGroupHeartbeatResponseData.TopicPartitions()
                    .setTopicId(Uuids.toKafka(topic)).setPartitions(new ArrayList<>(partitions))));
            out.setAssignment(a);
        }
        return out;
    }
}
