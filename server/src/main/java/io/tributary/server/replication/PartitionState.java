package io.tributary.server.replication;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.kafka.handler.PartitionLeader;
import java.util.ArrayList;
import java.util.List;

/**
 * One replicated partition's state as the metadata quorum holds it (Kafka's PartitionRecord): the
 * assigned replicas, the leader (-1 for none), the leader epoch (bumped by every leader change), the
 * in-sync replicas, and the partition epoch (bumped by every change, so that conditional writes of
 * the controller and of the leader never overwrite each other's newer state).
 */
public record PartitionState(@JsonProperty("replicas") List<Integer> replicas, @JsonProperty("leader") int leader,
        @JsonProperty("leaderEpoch") int leaderEpoch, @JsonProperty("isr") List<Integer> isr,
        @JsonProperty("partitionEpoch") int partitionEpoch) {

    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** A new partition: the first replica leads, all are in sync, epochs 0. */
    static PartitionState initial(List<Integer> replicas) {
        return new PartitionState(replicas, replicas.get(0), 0, replicas, 0);
    }

    PartitionState withIsr(List<Integer> newIsr) {
        return new PartitionState(replicas, leader, leaderEpoch, newIsr, partitionEpoch + 1);
    }

    PartitionState withLeader(int newLeader, List<Integer> newIsr) {
        return new PartitionState(replicas, newLeader, leaderEpoch + 1, newIsr, partitionEpoch + 1);
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
