package io.tributary.kafka.handler.group;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.LogTopicCatalog;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.TopicResolver;
import org.apache.kafka.common.protocol.ApiKeys;

/** Registers the group coordinator's APIs with the dispatcher (one line in {@code KafkaHandlers}). */
public final class GroupHandlers {
    private GroupHandlers() {
    }

    public static void register(RequestDispatcher d, KafkaContext kafka, GroupCoordinator groups, TopicResolver topics) {
        d.register(ApiKeys.FIND_COORDINATOR, new FindCoordinatorHandler(kafka, groups))
                .register(ApiKeys.JOIN_GROUP, new JoinGroupHandler(groups))
                .register(ApiKeys.SYNC_GROUP, new SyncGroupHandler(groups))
                .register(ApiKeys.HEARTBEAT, new HeartbeatHandler(groups))
                .register(ApiKeys.LEAVE_GROUP, new LeaveGroupHandler(groups))
                .register(ApiKeys.OFFSET_COMMIT, new OffsetCommitHandler(groups, topics))
                .register(ApiKeys.OFFSET_FETCH, new OffsetFetchHandler(groups, topics))
                .register(ApiKeys.DESCRIBE_GROUPS, new DescribeGroupsHandler(groups))
                .register(ApiKeys.LIST_GROUPS, new ListGroupsHandler(groups))
                .register(ApiKeys.DELETE_GROUPS, new DeleteGroupsHandler(groups))
                .register(ApiKeys.OFFSET_DELETE, new OffsetDeleteHandler(groups))
                .register(ApiKeys.TXN_OFFSET_COMMIT, new TxnOffsetCommitHandler(groups))
                .register(ApiKeys.CONSUMER_GROUP_HEARTBEAT, new ConsumerGroupHeartbeatHandler(groups))
                .register(ApiKeys.CONSUMER_GROUP_DESCRIBE, new ConsumerGroupDescribeHandler(groups, new LogTopicCatalog(kafka.logs().topics())));
    }
}
