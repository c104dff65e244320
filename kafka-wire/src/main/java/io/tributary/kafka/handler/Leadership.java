package io.tributary.kafka.handler;

import java.util.List;

/**
 * Who leads each partition, as every API reports it. On one node this node leads every partition,
 * with leader epoch 0, and is the only replica and the whole ISR; a cluster replaces this with the
 * partition state from the metadata quorum.
 */
public final class Leadership {
    /** The leader epoch of every partition on a single node. */
    public static final int LEADER_EPOCH = 0;

    private final int nodeId;
    private final List<Integer> replicas;

    public Leadership(int nodeId) {
        this.nodeId = nodeId;
        this.replicas = List.of(nodeId);
    }

    public int leaderId() {
        return nodeId;
    }

    public int leaderEpoch() {
        return LEADER_EPOCH;
    }

    public List<Integer> replicas() {
        return replicas;
    }

    public List<Integer> isr() {
        return replicas;
    }
}
