package io.tributary.kafka.handler.admin;

import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;

/**
 * Replication factors and manual replica assignments (CreateTopics, CreatePartitions), checked as
 * Kafka's controller checks them against the registered brokers: on a single node the only broker
 * is this one, so the only valid replica list is this node, and the only replication factor 1.
 */
final class ReplicaAssignments {
    private final Leadership leadership;

    ReplicaAssignments(Leadership leadership) {
        this.leadership = leadership;
    }

    /** The replication factor of a topic's partitions, as its first partition's replicas say. */
    short replicationFactor(String topic) {
        return (short) leadership.partition(new TopicPartition(topic, 0)).replicas().size();
    }

    /** The replication factor a request's -1 stands for. */
    short resolve(short requested) {
        return requested == -1 ? leadership.defaultReplicationFactor() : requested;
    }

    private boolean registered(int id) {
        return leadership.nodeIds().contains(id);
    }

    /**
     * A positive requested replication factor, or -1 for the default.
     *
     * @throws InvalidReplicationFactorException when it needs more brokers than there are
     */
    void checkReplicationFactor(short requested) {
        short factor = resolve(requested);
        int brokers = leadership.clusterSize();
        if (factor > brokers) {
            throw new InvalidReplicationFactorException("Unable to replicate the partition " + factor + " time(s): The target "
                    + "replication factor of " + factor + " cannot be reached because only " + brokers + " broker(s) are registered.");
        }
    }

    /**
     * One partition's manual assignment (Kafka's {@code validateManualPartitionAssignment}).
     *
     * @param expectedFactor the replica count the other partitions have, if known
     * @throws InvalidReplicaAssignmentException when the list is empty, names an unknown broker or
     *     one broker twice, or has another length than {@code expectedFactor}
     */
    void checkReplicas(List<Integer> brokerIds, OptionalInt expectedFactor) {
        if (brokerIds.isEmpty()) {
            throw new InvalidReplicaAssignmentException("The manual partition assignment includes an empty replica list.");
        }
        List<Integer> sorted = new ArrayList<>(brokerIds);
        sorted.sort(Integer::compare);
        Integer previous = null;
        for (Integer id : sorted) {
            if (!registered(id)) {
                throw new InvalidReplicaAssignmentException("The manual partition assignment includes broker " + id
                        + ", but no such broker is registered.");
            }
            if (id.equals(previous)) {
                throw new InvalidReplicaAssignmentException("The manual partition assignment includes the broker " + id + " more than once.");
            }
            previous = id;
        }
        if (expectedFactor.isPresent() && sorted.size() != expectedFactor.getAsInt()) {
            throw new InvalidReplicaAssignmentException("The manual partition assignment includes a partition with " + sorted.size()
                    + " replica(s), but this is not consistent with previous partitions, which have " + expectedFactor.getAsInt()
                    + " replica(s).");
        }
    }
}
