package io.tributary.server.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * Default replica placement, as Kafka's without racks: partition {@code p} of a topic takes
 * {@code factor} consecutive nodes starting at a per-topic offset plus {@code p}, so leaders (the
 * first replica) spread evenly over the nodes.
 */
final class ReplicaPlacement {
    private ReplicaPlacement() {
    }

    static List<Integer> replicas(List<Integer> nodes, String topic, int partition, int factor) {
        if (factor > nodes.size()) {
            throw new IllegalArgumentException("replication factor " + factor + " needs more than the " + nodes.size() + " nodes");
        }
        int start = Math.floorMod(topic.hashCode(), nodes.size());
        List<Integer> out = new ArrayList<>(factor);
        for (int i = 0; i < factor; i++) {
            out.add(nodes.get((start + partition + i) % nodes.size()));
        }
        return out;
    }
}
