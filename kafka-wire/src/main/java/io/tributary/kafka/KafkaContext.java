package io.tributary.kafka;

import io.netty.util.concurrent.EventExecutorGroup;
import io.tributary.config.BrokerConfig;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.producer.ProducerIdManager;
import io.tributary.logstore.LogManager;
import java.util.function.IntSupplier;

/**
 * What the Kafka protocol layer needs from the broker: who this node is and where clients reach it,
 * the partition logs, producer ids, and the threads that do storage work off the event loops.
 *
 * @param advertisedPort the Kafka listener's bound port (known only after binding, so a supplier)
 * @param storage threads for work that touches files (appends, reads, index lookups): each
 *     connection takes one executor of the group, so its requests are handled in order
 * @param leadership who leads which partition, and the brokers: {@code SingleNodeLeadership} on one node
 */
public record KafkaContext(BrokerConfig config, int nodeId, String advertisedHost, IntSupplier advertisedPort, String clusterId,
        LogManager logs, ProducerIdManager producerIds, EventExecutorGroup storage,
        Leadership leadership) {
}
