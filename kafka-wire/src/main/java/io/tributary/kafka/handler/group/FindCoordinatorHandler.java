package io.tributary.kafka.handler.group;

import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.OffsetsTopic;
import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.txn.Transactions;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;
import org.apache.kafka.common.requests.FindCoordinatorRequest;

/**
 * FindCoordinator: on one node this node coordinates every group and every transactional id. v0–v3
 * ask for one key; v4+ (KIP-699) for a batch. Until {@code __consumer_offsets} exists, group keys
 * get COORDINATOR_NOT_AVAILABLE (clients retry). Share-group keys (KIP-932) are not served.
 */
public final class FindCoordinatorHandler implements RequestHandler<FindCoordinatorRequest> {
    private final KafkaContext kafka;
    private final GroupCoordinator groups;

    public FindCoordinatorHandler(KafkaContext kafka, GroupCoordinator groups) {
        this.kafka = kafka;
        this.groups = groups;
    }

    @Override
    public CompletableFuture<FindCoordinatorResponseData> handle(RequestContext context, FindCoordinatorRequest request) {
        FindCoordinatorResponseData response = new FindCoordinatorResponseData();
        byte keyType = request.data().keyType();
        if (context.apiVersion() >= 4) {
            for (String key : request.data().coordinatorKeys()) {
                response.coordinators().add(coordinator(key, keyType));
            }
        } else {
            Coordinator c = coordinator(request.data().key(), keyType);
            response.setErrorCode(c.errorCode()).setErrorMessage(c.errorMessage()).setNodeId(c.nodeId()).setHost(c.host()).setPort(c.port());
        }
        return CompletableFuture.completedFuture(response);
    }

    private Coordinator coordinator(String key, byte keyType) {
        Coordinator c = new Coordinator().setKey(key);
        CoordinatorType type;
        try {
            type = CoordinatorType.forId(keyType);
        } catch (RuntimeException e) {
            return fail(c, Errors.INVALID_REQUEST, "unknown coordinator key type " + keyType);
        }
        if (type == CoordinatorType.SHARE) {
            return fail(c, Errors.INVALID_REQUEST, "share groups are not supported");
        }
        if (key == null || key.isEmpty()) {
            return fail(c, Errors.INVALID_REQUEST, "the coordinator key is empty");
        }
        if (type == CoordinatorType.GROUP && !groups.isAvailable()) {
            return fail(c, Errors.COORDINATOR_NOT_AVAILABLE, "the group coordinator is starting");
        }
        if (type == CoordinatorType.GROUP && kafka.leadership().movesLeadership()) {
            return groupCoordinatorInCluster(c, key);
        }
        if (type == CoordinatorType.TRANSACTION && kafka.leadership().movesLeadership()) {
            return transactionCoordinatorInCluster(c);
        }
        return c.setNodeId(kafka.nodeId()).setHost(kafka.advertisedHost()).setPort(kafka.advertisedPort().getAsInt())
                .setErrorCode(Errors.NONE.code());
    }

    /** In a cluster the transaction coordinator is the leader of {@code __transaction_state}'s one partition, wherever that is. */
    private Coordinator transactionCoordinatorInCluster(Coordinator c) {
        if (kafka.logs().topics().topic(Transactions.STATE_TOPIC).isEmpty()) {
            return fail(c, Errors.COORDINATOR_NOT_AVAILABLE, "the transaction coordinator is starting");
        }
        return leaderOf(c, new TopicPartition(Transactions.STATE_TOPIC, 0));
    }

    /** In a cluster a group's coordinator is the leader of its partition of {@code __consumer_offsets}, wherever that is. */
    private Coordinator groupCoordinatorInCluster(Coordinator c, String key) {
        Optional<TopicDescription> offsets = kafka.logs().topics().topic(OffsetsTopic.NAME);
        if (offsets.isEmpty()) {
            return fail(c, Errors.COORDINATOR_NOT_AVAILABLE, "the group coordinator is starting");
        }
        return leaderOf(c, new TopicPartition(OffsetsTopic.NAME, GroupCoordinator.partitionFor(key, offsets.get().partitions())));
    }

    private Coordinator leaderOf(Coordinator c, TopicPartition tp) {
        int leader = kafka.leadership().partition(tp).leader();
        for (BrokerEndpoint b : kafka.leadership().brokers()) {
            if (b.nodeId() == leader) {
                return c.setNodeId(b.nodeId()).setHost(b.host()).setPort(b.port()).setErrorCode(Errors.NONE.code());
            }
        }
        return fail(c, Errors.COORDINATOR_NOT_AVAILABLE, tp + " has no leader now");
    }

    private static Coordinator fail(Coordinator c, Errors error, String message) {
        return c.setErrorCode(error.code()).setErrorMessage(message).setNodeId(-1).setHost("").setPort(-1);
    }
}
