package io.tributary.kafka.handler;

import io.tributary.logstore.TopicPartition;
import java.util.List;
import java.util.function.IntSupplier;

/** One broker: it leads every partition with epoch 0, is its only replica and its whole ISR. */
public final class SingleNodeLeadership implements Leadership {
    private final int nodeId;
    private final String host;
    private final IntSupplier port;
    private final PartitionLeader self;

    public SingleNodeLeadership(int nodeId, String host, IntSupplier port) {
        this.nodeId = nodeId;
        this.host = host;
        this.port = port;
        this.self = new PartitionLeader(nodeId, LEADER_EPOCH, List.of(nodeId), List.of(nodeId));
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public List<BrokerEndpoint> brokers() {
        return List.of(new BrokerEndpoint(nodeId, host, port.getAsInt()));
    }

    @Override
    public int controllerId() {
        return nodeId;
    }

    @Override
    public PartitionLeader partition(TopicPartition tp) {
        return self;
    }
}
