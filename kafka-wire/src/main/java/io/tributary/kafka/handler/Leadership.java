package io.tributary.kafka.handler;

import io.tributary.logstore.AppendResult;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Who leads each partition and which brokers there are, as every API reports it, and the hooks
 * replication needs from the request handlers. On one node ({@link SingleNodeLeadership}) this node
 * leads every partition with leader epoch 0 and is its only replica; a cluster answers from the
 * partition state in the metadata quorum and replicates the logs.
 */
public interface Leadership {
    /** The leader epoch of every partition on a single node. */
    int LEADER_EPOCH = 0;

    /** This node's id. */
    int nodeId();

    /** The brokers clients may connect to, this one included, by node id. */
    List<BrokerEndpoint> brokers();

    /** The node that Metadata and DescribeCluster report as the controller. */
    int controllerId();

    /** The partition's leader, epoch, replicas and ISR as this node knows them now. */
    PartitionLeader partition(TopicPartition tp);

    /** True when this node leads {@code tp} now and may take appends and consumer reads. */
    default boolean isLeader(TopicPartition tp) {
        return partition(tp).leader() == nodeId();
    }

    /**
     * Whether a request for {@code tp} that names {@code currentLeaderEpoch} (-1: none) may be
     * served here: only the leader serves produce, fetch and offset requests, in its current epoch
     * (KIP-320: a client with an older epoch is fenced, one with a newer epoch is ahead of us).
     */
    default Errors checkLeader(TopicPartition tp, int currentLeaderEpoch) {
        if (!isLeader(tp)) {
            return Errors.NOT_LEADER_OR_FOLLOWER;
        }
        PartitionLeader leader = partition(tp);
        if (currentLeaderEpoch < 0 || currentLeaderEpoch == leader.leaderEpoch()) {
            return Errors.NONE;
        }
        return currentLeaderEpoch > leader.leaderEpoch() ? Errors.UNKNOWN_LEADER_EPOCH : Errors.FENCED_LEADER_EPOCH;
    }

    /**
     * Completes when an {@code acks=all} append is committed: durable here and, in a cluster, on
     * every replica of the ISR (the high watermark passed it).
     */
    default CompletableFuture<Void> whenCommitted(PartitionLog log, AppendResult appended) {
        return appended.durable();
    }

    /** The replicas in sync now, for {@code min.insync.replicas}. */
    default int inSyncReplicas(TopicPartition tp) {
        return partition(tp).isr().size();
    }

    /** A leader's log took an append: followers waiting for data of {@code tp} read again. */
    default void onLeaderAppend(TopicPartition tp) {
    }

    /**
     * A follower fetched {@code tp} from {@code fetchOffset} (all below it is durable there): what
     * the leader needs for the ISR and the high watermark.
     */
    default void onFollowerFetch(TopicPartition tp, int replicaId, long fetchOffset) {
    }

    /**
     * Records the replicas of new partitions before their topic (or its new partitions) is created,
     * {@code assignment} by partition index; an empty map asks for the default placement.
     */
    default CompletableFuture<Void> assignReplicas(String topic, int firstPartition, int partitions, short replicationFactor,
            Map<Integer, List<Integer>> assignment) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * True when partitions move between nodes (a cluster): coordinators then serve only the
     * partitions of their internal topic that this node leads, told by {@link #follow}.
     */
    default boolean movesLeadership() {
        return false;
    }

    /**
     * The ids of the nodes that can hold replicas (a cluster's configured members, whether or not
     * they run now): what replication factors and manual assignments are checked against.
     */
    default List<Integer> nodeIds() {
        return List.of(nodeId());
    }

    /** The number of nodes that can hold replicas (internal topics take min(their factor, this)). */
    default int clusterSize() {
        return nodeIds().size();
    }

    /**
     * Tells {@code listener} whenever this node becomes or stops being the leader of a partition of
     * {@code topic}, starting with the current state of each partition it knows of. Listeners run
     * on one thread, in the order of the changes; they must not block.
     */
    default void follow(String topic, LeadershipListener listener) {
    }

    /** Hears of this node's leaderships of one topic's partitions. */
    interface LeadershipListener {
        /** This node now leads {@code partition} in {@code leaderEpoch}. */
        void elected(int partition, int leaderEpoch);

        /** This node does not lead {@code partition} (any more). */
        void resigned(int partition);
    }

    /**
     * ElectLeaders: moves leadership to each partition's preferred replica (its first), or with
     * {@code unclean} to any live replica of a partition that has no leader. On one node there is
     * nothing to elect.
     */
    default CompletableFuture<Map<TopicPartition, ApiError>> electLeaders(boolean unclean, Collection<TopicPartition> partitions) {
        Map<TopicPartition, ApiError> out = new java.util.LinkedHashMap<>();
        partitions.forEach(tp -> out.put(tp, new ApiError(Errors.ELECTION_NOT_NEEDED, "this node is the only replica")));
        return CompletableFuture.completedFuture(out);
    }

    /**
     * AlterPartitionReassignments: starts moving {@code tp} to {@code targetReplicas} (null:
     * cancels the one in progress). The new replicas copy the log; once all are in sync the old
     * ones go and the leader moves if it is not among the new ones.
     */
    default CompletableFuture<ApiError> reassign(TopicPartition tp, List<Integer> targetReplicas) {
        return CompletableFuture.completedFuture(new ApiError(Errors.INVALID_REPLICA_ASSIGNMENT, "a single node cannot move replicas"));
    }

    /** Reassignments in progress: partition → (replicas now, being added, being removed). */
    default Map<TopicPartition, List<List<Integer>>> reassignments() {
        return Map.of();
    }

    /**
     * Sends transaction markers to the leaders of {@code partitions}, which this node does not lead
     * (WriteTxnMarkers, retried while leadership moves); completes when every leader has them in
     * its ISR. A single node leads everything, so it is never asked.
     */
    default CompletableFuture<Void> sendMarkers(long producerId, short producerEpoch, boolean commit, Collection<TopicPartition> partitions) {
        return CompletableFuture.failedFuture(new IllegalStateException("no other node leads " + partitions));
    }

    /**
     * UnregisterBroker: removes a stopped node from the cluster (its registration and its place in
     * the metadata quorum). A single node has no other node to remove.
     */
    default CompletableFuture<ApiError> unregister(int nodeId) {
        return CompletableFuture.completedFuture(new ApiError(org.apache.kafka.common.protocol.Errors.BROKER_ID_NOT_REGISTERED,
                "node " + nodeId + " is not part of this single-node broker"));
    }

    /** Removes the replica records of a deleted topic's partitions. */
    default CompletableFuture<Void> forgetReplicas(String topic, int partitions) {
        return CompletableFuture.completedFuture(null);
    }

    /** The replication factor that -1 (the default) stands for in CreateTopics. */
    default short defaultReplicationFactor() {
        return 1;
    }
}
