package io.tributary.kafka.handler.acl;

import static io.tributary.kafka.handler.acl.Checks.cluster;
import static io.tributary.kafka.handler.acl.Checks.first;
import static io.tributary.kafka.handler.acl.Checks.group;
import static io.tributary.kafka.handler.acl.Checks.groups;
import static io.tributary.kafka.handler.acl.Checks.guarded;
import static io.tributary.kafka.handler.acl.Checks.topics;
import static io.tributary.kafka.handler.acl.Checks.transactionalId;

import io.tributary.kafka.acl.AclOperation;
import io.tributary.kafka.acl.Authorizer;
import io.tributary.kafka.acl.ResourceType;
import io.tributary.kafka.handler.RequestDispatcher;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.kafka.security.KafkaSecurity;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AddOffsetsToTxnRequest;
import org.apache.kafka.common.requests.AddPartitionsToTxnRequest;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.ConsumerGroupHeartbeatRequest;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;
import org.apache.kafka.common.requests.DescribeProducersRequest;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;
import org.apache.kafka.common.requests.DescribeTransactionsRequest;
import org.apache.kafka.common.requests.EndTxnRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListTransactionsRequest;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetDeleteRequest;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.TxnOffsetCommitRequest;

/**
 * Registers the ACL APIs and, with the authorizer on, wraps every served handler with its check
 * (Kafka's operations per API, as in its authorization docs). Handlers registered by other packages
 * (the group coordinator's APIs) are wrapped too, when they are registered before {@link #install}.
 *
 * <pre>
 * CreateTopics/Produce/Fetch/Metadata/ListOffsets   per topic, see TopicFilters
 * OffsetForLeaderEpoch, DescribeTopicPartitions     DESCRIBE topic          DescribeProducers  READ topic
 * DeleteTopics, DeleteRecords                       DELETE topic            CreatePartitions   ALTER topic
 * DescribeConfigs / AlterConfigs, IncrementalAlter  DESCRIBE_CONFIGS / ALTER_CONFIGS on the topic or the cluster (broker)
 * DescribeCluster, DescribeLogDirs                  DESCRIBE cluster          UnregisterBroker  ALTER cluster
 * InitProducerId                                    WRITE transactional id; idempotent: IDEMPOTENT_WRITE cluster or WRITE on some topic
 * AddPartitionsToTxn                                WRITE transactional id + WRITE topics (v4+ from brokers: CLUSTER_ACTION)
 * AddOffsetsToTxn                                   WRITE transactional id + READ group     EndTxn  WRITE transactional id
 * TxnOffsetCommit                                   WRITE transactional id + READ group + READ topics
 * DescribeTransactions                              DESCRIBE transactional id   ListTransactions  only those described
 * FindCoordinator                                   DESCRIBE group / transactional id
 * JoinGroup, SyncGroup, Heartbeat, LeaveGroup, ConsumerGroupHeartbeat   READ group
 * OffsetCommit READ group + READ topics   OffsetFetch DESCRIBE group + DESCRIBE topics   OffsetDelete DELETE group + READ topics
 * DescribeGroups, ConsumerGroupDescribe DESCRIBE group   DeleteGroups DELETE group   ListGroups  only those described (all with DESCRIBE cluster)
 * </pre>
 */
public final class AclEnforcement {
    private static final byte CONFIG_TOPIC = 2;

    private AclEnforcement() {
    }

    public static void install(RequestDispatcher d, KafkaSecurity security, TopicResolver topics) {
        Authorizer a = security.authorizer();
        d.register(ApiKeys.CREATE_ACLS, new CreateAclsHandler(a, security.acls()))
                .register(ApiKeys.DESCRIBE_ACLS, new DescribeAclsHandler(a, security.acls()))
                .register(ApiKeys.DELETE_ACLS, new DeleteAclsHandler(a, security.acls()));
        if (!a.enabled()) {
            return;
        }
        TopicFilters filters = new TopicFilters(a, topics);
        d.decorate(ApiKeys.PRODUCE, filters::produce);
        d.decorate(ApiKeys.FETCH, filters::fetch);
        d.decorate(ApiKeys.METADATA, filters::metadata);
        d.decorate(ApiKeys.LIST_OFFSETS, filters::listOffsets);
        d.decorate(ApiKeys.CREATE_TOPICS, filters::createTopics);
        topicApis(d, a, topics);
        transactionApis(d, a);
        groupApis(d, a, topics);
    }

    /** A topic's name as a request gives it, by name or (newer versions) by id; null when neither resolves. */
    private static String name(TopicResolver topics, String name, org.apache.kafka.common.Uuid id) {
        return topics.topic(name, id).map(io.tributary.logstore.topic.TopicDescription::name)
                .orElse(name == null || name.isEmpty() ? null : name);
    }

    private static void topicApis(RequestDispatcher d, Authorizer a, TopicResolver topics) {
        d.<OffsetsForLeaderEpochRequest>decorate(ApiKeys.OFFSET_FOR_LEADER_EPOCH, h -> guarded(h, a, (p, r) -> topics(p, AclOperation.DESCRIBE,
                names(r.data().topics(), t -> t.topic()))));
        d.<DescribeTopicPartitionsRequest>decorate(ApiKeys.DESCRIBE_TOPIC_PARTITIONS, h -> guarded(h, a, (p, r) -> topics(p, AclOperation.DESCRIBE,
                names(r.data().topics(), t -> t.name()))));
        d.<DescribeProducersRequest>decorate(ApiKeys.DESCRIBE_PRODUCERS, h -> guarded(h, a, (p, r) -> topics(p, AclOperation.READ,
                names(r.data().topics(), t -> t.name()))));
        d.<DeleteTopicsRequest>decorate(ApiKeys.DELETE_TOPICS, h -> guarded(h, a, (p, r) -> topics(p, AclOperation.DELETE,
                names(r.topics(), t -> name(topics, t.name(), t.topicId())))));
        d.<DeleteRecordsRequest>decorate(ApiKeys.DELETE_RECORDS, h -> guarded(h, a, (p, r) -> topics(p, AclOperation.DELETE,
                names(r.data().topics(), t -> t.name()))));
        d.<CreatePartitionsRequest>decorate(ApiKeys.CREATE_PARTITIONS, h -> guarded(h, a, (p, r) -> topics(p, AclOperation.ALTER,
                names(r.data().topics(), t -> t.name()))));
        d.<DescribeConfigsRequest>decorate(ApiKeys.DESCRIBE_CONFIGS, h -> guarded(h, a, (p, r) -> configs(p, AclOperation.DESCRIBE_CONFIGS,
                names(r.data().resources(), DescribeConfigsResource::resourceType), names(r.data().resources(), DescribeConfigsResource::resourceName))));
        d.<AlterConfigsRequest>decorate(ApiKeys.ALTER_CONFIGS, h -> guarded(h, a, (p, r) -> configs(p, AclOperation.ALTER_CONFIGS,
                names(r.data().resources(), x -> x.resourceType()), names(r.data().resources(), x -> x.resourceName()))));
        d.<IncrementalAlterConfigsRequest>decorate(ApiKeys.INCREMENTAL_ALTER_CONFIGS, h -> guarded(h, a, (p, r) -> configs(p,
                AclOperation.ALTER_CONFIGS, names(r.data().resources(), x -> x.resourceType()), names(r.data().resources(), x -> x.resourceName()))));
        d.<DescribeClusterRequest>decorate(ApiKeys.DESCRIBE_CLUSTER, h -> guarded(h, a, (p, r) -> cluster(p, AclOperation.DESCRIBE)));
        d.<DescribeLogDirsRequest>decorate(ApiKeys.DESCRIBE_LOG_DIRS, h -> guarded(h, a, (p, r) -> cluster(p, AclOperation.DESCRIBE)));
        d.<org.apache.kafka.common.requests.ElectLeadersRequest>decorate(ApiKeys.ELECT_LEADERS,
                h -> guarded(h, a, (p, r) -> cluster(p, AclOperation.ALTER)));
        d.<org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest>decorate(ApiKeys.ALTER_PARTITION_REASSIGNMENTS,
                h -> guarded(h, a, (p, r) -> cluster(p, AclOperation.ALTER)));
        d.<org.apache.kafka.common.requests.ListPartitionReassignmentsRequest>decorate(ApiKeys.LIST_PARTITION_REASSIGNMENTS,
                h -> guarded(h, a, (p, r) -> cluster(p, AclOperation.DESCRIBE)));
        d.<org.apache.kafka.common.requests.UnregisterBrokerRequest>decorate(ApiKeys.UNREGISTER_BROKER,
                h -> guarded(h, a, (p, r) -> cluster(p, AclOperation.ALTER)));
    }

    private static void transactionApis(RequestDispatcher d, Authorizer a) {
        d.<InitProducerIdRequest>decorate(ApiKeys.INIT_PRODUCER_ID, h -> guarded(h, a, (p, r) -> {
            String id = r.data().transactionalId();
            if (id != null) {
                return transactionalId(p, AclOperation.WRITE, id);
            }
            boolean may = p.clusterAllowed(AclOperation.IDEMPOTENT_WRITE) || a.authorizeAny(p.principal(), p.host(), AclOperation.WRITE,
                    ResourceType.TOPIC);
            return may ? null : cluster(p, AclOperation.IDEMPOTENT_WRITE);
        }));
        d.<AddPartitionsToTxnRequest>decorate(ApiKeys.ADD_PARTITIONS_TO_TXN, h -> guarded(h, a, (p, r) -> {
            if (r.version() >= 4) {
                return cluster(p, AclOperation.CLUSTER_ACTION);
            }
            return first(transactionalId(p, AclOperation.WRITE, r.data().v3AndBelowTransactionalId()),
                    topics(p, AclOperation.WRITE, names(r.data().v3AndBelowTopics(), AddPartitionsToTxnTopic::name)));
        }));
        d.<AddOffsetsToTxnRequest>decorate(ApiKeys.ADD_OFFSETS_TO_TXN, h -> guarded(h, a, (p, r) -> first(
                transactionalId(p, AclOperation.WRITE, r.data().transactionalId()), group(p, AclOperation.READ, r.data().groupId()))));
        d.<EndTxnRequest>decorate(ApiKeys.END_TXN, h -> guarded(h, a, (p, r) -> transactionalId(p, AclOperation.WRITE, r.data().transactionalId())));
        d.<org.apache.kafka.common.requests.WriteTxnMarkersRequest>decorate(ApiKeys.WRITE_TXN_MARKERS,
                h -> guarded(h, a, (p, r) -> cluster(p, AclOperation.CLUSTER_ACTION)));
        d.<TxnOffsetCommitRequest>decorate(ApiKeys.TXN_OFFSET_COMMIT, h -> guarded(h, a, (p, r) -> first(
                transactionalId(p, AclOperation.WRITE, r.data().transactionalId()), group(p, AclOperation.READ, r.data().groupId()),
                topics(p, AclOperation.READ, names(r.data().topics(), t -> t.name())))));
        d.<DescribeTransactionsRequest>decorate(ApiKeys.DESCRIBE_TRANSACTIONS, h -> guarded(h, a, (p, r) -> {
            for (String id : r.data().transactionalIds()) {
                ApiException e = transactionalId(p, AclOperation.DESCRIBE, id);
                if (e != null) {
                    return e;
                }
            }
            return null;
        }));
        d.<ListTransactionsRequest>decorate(ApiKeys.LIST_TRANSACTIONS, h -> (context, request) -> h.handle(context, request).thenApply(r -> {
            Principals p = Principals.of(a, context);
            ((ListTransactionsResponseData) r).transactionStates()
                    .removeIf(t -> !p.allowed(AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, t.transactionalId()));
            return r;
        }));
    }

    private static void groupApis(RequestDispatcher d, Authorizer a, TopicResolver topics) {
        d.<FindCoordinatorRequest>decorate(ApiKeys.FIND_COORDINATOR, h -> guarded(h, a, (p, r) -> {
            List<String> keys = r.data().coordinatorKeys().isEmpty() ? List.of(r.data().key()) : r.data().coordinatorKeys();
            if (r.data().keyType() == 1) {
                for (String k : keys) {
                    ApiException e = transactionalId(p, AclOperation.DESCRIBE, k);
                    if (e != null) {
                        return e;
                    }
                }
                return null;
            }
            return groups(p, AclOperation.DESCRIBE, keys);
        }));
        d.<JoinGroupRequest>decorate(ApiKeys.JOIN_GROUP, h -> guarded(h, a, (p, r) -> group(p, AclOperation.READ, r.data().groupId())));
        d.<SyncGroupRequest>decorate(ApiKeys.SYNC_GROUP, h -> guarded(h, a, (p, r) -> group(p, AclOperation.READ, r.data().groupId())));
        d.<HeartbeatRequest>decorate(ApiKeys.HEARTBEAT, h -> guarded(h, a, (p, r) -> group(p, AclOperation.READ, r.data().groupId())));
        d.<LeaveGroupRequest>decorate(ApiKeys.LEAVE_GROUP, h -> guarded(h, a, (p, r) -> group(p, AclOperation.READ, r.data().groupId())));
        d.<ConsumerGroupHeartbeatRequest>decorate(ApiKeys.CONSUMER_GROUP_HEARTBEAT, h -> guarded(h, a,
                (p, r) -> group(p, AclOperation.READ, r.data().groupId())));
        d.<OffsetCommitRequest>decorate(ApiKeys.OFFSET_COMMIT, h -> guarded(h, a, (p, r) -> first(group(p, AclOperation.READ, r.data().groupId()),
                topics(p, AclOperation.READ, names(r.data().topics(), t -> name(topics, t.name(), t.topicId()))))));
        d.<OffsetFetchRequest>decorate(ApiKeys.OFFSET_FETCH, h -> guarded(h, a, (p, r) -> {
            if (r.data().groups().isEmpty()) {
                return first(group(p, AclOperation.DESCRIBE, r.data().groupId()),
                        r.data().topics() == null ? null : topics(p, AclOperation.DESCRIBE, names(r.data().topics(), t -> t.name())));
            }
            List<String> ids = names(r.data().groups(), g -> g.groupId());
            return groups(p, AclOperation.DESCRIBE, ids);
        }));
        d.<OffsetDeleteRequest>decorate(ApiKeys.OFFSET_DELETE, h -> guarded(h, a, (p, r) -> first(group(p, AclOperation.DELETE, r.data().groupId()),
                topics(p, AclOperation.READ, names(r.data().topics(), t -> t.name())))));
        d.<org.apache.kafka.common.requests.ConsumerGroupDescribeRequest>decorate(ApiKeys.CONSUMER_GROUP_DESCRIBE, h -> guarded(h, a,
                (p, r) -> groups(p, AclOperation.DESCRIBE, r.data().groupIds())));
        d.<DescribeGroupsRequest>decorate(ApiKeys.DESCRIBE_GROUPS, h -> guarded(h, a, (p, r) -> groups(p, AclOperation.DESCRIBE, r.data().groups())));
        d.<DeleteGroupsRequest>decorate(ApiKeys.DELETE_GROUPS, h -> guarded(h, a, (p, r) -> groups(p, AclOperation.DELETE, r.data().groupsNames())));
        d.<ListGroupsRequest>decorate(ApiKeys.LIST_GROUPS, h -> (context, request) -> h.handle(context, request).thenApply(r -> {
            Principals p = Principals.of(a, context);
            if (!p.clusterAllowed(AclOperation.DESCRIBE)) {
                ((ListGroupsResponseData) r).groups().removeIf(g -> !p.allowed(AclOperation.DESCRIBE, ResourceType.GROUP, g.groupId()));
            }
            return r;
        }));
    }

    private static ApiException configs(Principals p, AclOperation op, List<Byte> types, List<String> names) {
        List<String> topicNames = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == CONFIG_TOPIC) {
                topicNames.add(names.get(i));
            } else if (!p.clusterAllowed(op)) {
                return cluster(p, op);
            }
        }
        return topics(p, op, topicNames);
    }

    private static <T, V> List<V> names(Iterable<T> items, java.util.function.Function<T, V> f) {
        List<V> out = new ArrayList<>();
        if (items != null) {
            items.forEach(i -> out.add(f.apply(i)));
        }
        return out;
    }
}
