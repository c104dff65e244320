package io.tributary.kafka.handler;

import java.util.List;

/**
 * One partition's leadership as the APIs report it: the leader's node id (-1 when none is
 * available), the leader epoch, the assigned replicas and the in-sync replicas.
 */
public record PartitionLeader(int leader, int leaderEpoch, List<Integer> replicas, List<Integer> isr) {
    /** No leader known (yet): clients get LEADER_NOT_AVAILABLE and retry. */
    public static final int NO_LEADER = -1;

    public PartitionLeader {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    public boolean hasLeader() {
        return leader >= 0;
    }
}
