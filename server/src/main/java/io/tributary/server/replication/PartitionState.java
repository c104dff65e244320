package io.tributary.server.replication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.kafka.handler.PartitionLeader;
import java.util.ArrayList;
import java.util.List;

/**
 * One replicated partition's state as the metadata quorum holds it (Kafka's PartitionRecord): the
 * assigned replicas, the leader (-1 for none), the leader epoch (bumped by every leader change), the
 * in-sync replicas, the partition epoch (bumped by every change, so that conditional writes of the
 * controller and of the leader never overwrite each other's newer state), and during a
 * reassignment its target and original replicas (null otherwise; {@code replicas} then holds both).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartitionState(@JsonProperty("replicas") List<Integer> replicas, @JsonProperty("leader") int leader,
        @JsonProperty("leaderEpoch") int leaderEpoch, @JsonProperty("isr") List<Integer> isr,
        @JsonProperty("partitionEpoch") int partitionEpoch, @JsonProperty("targetReplicas") List<Integer> targetReplicas,
        @JsonProperty("originalReplicas") List<Integer> originalReplicas) {

    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        targetReplicas = targetReplicas == null ? null : List.copyOf(targetReplicas);
        originalReplicas = originalReplicas == null ? null : List.copyOf(originalReplicas);
    }

    public PartitionState(List<Integer> replicas, int leader, int leaderEpoch, List<Integer> isr, int partitionEpoch) {
        this(replicas, leader, leaderEpoch, isr, partitionEpoch, null, null);
    }

    /** A new partition: the first replica leads, all are in sync, epochs 0. */
    static PartitionState initial(List<Integer> replicas) {
        return new PartitionState(replicas, replicas.get(0), 0, replicas, 0);
    }

    PartitionState withIsr(List<Integer> newIsr) {
        return new PartitionState(replicas, leader, leaderEpoch, newIsr, partitionEpoch + 1, targetReplicas, originalReplicas);
    }

    PartitionState withLeader(int newLeader, List<Integer> newIsr) {
        return new PartitionState(replicas, newLeader, leaderEpoch + 1, newIsr, partitionEpoch + 1, targetReplicas, originalReplicas);
    }

    /** A reassignment towards {@code target} starts: the replicas are old and new ones until the new ones are in sync. */
    PartitionState reassigningTo(List<Integer> target) {
        List<Integer> union = new ArrayList<>(target);
        for (int r : replicas) {
            if (!union.contains(r)) {
                union.add(r);
            }
        }
        List<Integer> original = originalReplicas != null ? originalReplicas : replicas;
        return new PartitionState(union, leader, leaderEpoch, isr, partitionEpoch + 1, target, original);
    }

    /** Cancels a reassignment: back to the original replicas (null when none is in progress). */
    PartitionState cancelReassignment() {
        if (originalReplicas == null) {
            return null;
        }
        List<Integer> original = originalReplicas;
        List<Integer> keptIsr = isr.stream().filter(original::contains).toList();
        int newLeader = original.contains(leader) ? leader : keptIsr.isEmpty() ? -1 : keptIsr.get(0);
        int epoch = newLeader == leader ? leaderEpoch : leaderEpoch + 1;
        return new PartitionState(original, newLeader, epoch, keptIsr.isEmpty() ? isr : keptIsr, partitionEpoch + 1, null, null);
    }

    /**
     * The reassignment's end, once every target replica is in sync: only the target replicas stay,
     * and the leader moves to the first in-sync target replica when it is not one of them.
     * Null while some target replica is not in sync yet.
     */
    PartitionState completedReassignment() {
        if (targetReplicas == null || !isr.containsAll(targetReplicas)) {
            return null;
        }
        List<Integer> newIsr = isr.stream().filter(targetReplicas::contains).toList();
        int newLeader = targetReplicas.contains(leader) ? leader : newIsr.get(0);
        int epoch = newLeader == leader ? leaderEpoch : leaderEpoch + 1;
        return new PartitionState(targetReplicas, newLeader, epoch, newIsr, partitionEpoch + 1, null, null);
    }

    /** The ISR with {@code node} added, in replica order. */
    List<Integer> isrWith(int node) {
        List<Integer> out = new ArrayList<>();
        for (int r : replicas) {
            if (isr.contains(r) || r == node) {
                out.add(r);
            }
        }
        return out;
    }

    PartitionLeader toLeader() {
        return new PartitionLeader(leader, leaderEpoch, replicas, isr);
    }
}
