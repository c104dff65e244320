package io.tributary.server.replication;

import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.topic.NewTopic;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Topics made outside the Kafka protocol (streams declared over AMQP, the HTTP API) the way
 * CreateTopics makes them: in a cluster the partitions' replicas are recorded first, so that every
 * node takes on its role before the topic exists anywhere, and a deleted topic's replica records go
 * with it. On a single node the replica steps do nothing.
 */
public final class ReplicatedTopics {
    private final LogManager logs;
    private final Leadership leadership;

    public ReplicatedTopics(LogManager logs, Leadership leadership) {
        this.logs = logs;
        this.leadership = leadership;
    }

    /**
     * Creates the topic unless it exists (two nodes declaring one stream at once get one topic).
     *
     * @param replicationFactor -1 for {@code default.replication.factor}; more than the cluster's
     *     nodes is cut to their number (as RabbitMQ does with {@code x-initial-cluster-size})
     */
    public CompletableFuture<TopicDescription> ensure(NewTopic topic, int replicationFactor) {
        return leadership.assignReplicas(topic.name(), 0, topic.partitions(), factor(replicationFactor), Map.of())
                .thenCompose(v -> logs.topics().ensureTopic(topic));
    }

    /**
     * Creates a new topic; fails when it exists.
     *
     * @param replicationFactor -1 for {@code default.replication.factor}
     */
    public CompletableFuture<TopicDescription> create(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        return leadership.assignReplicas(name, 0, partitions, (short) replicationFactor, Map.of())
                .thenCompose(v -> logs.topics().createTopic(name, partitions, configs));
    }

    /** Grows a topic from {@code current} to {@code partitions} partitions, as many replicas each as its first has. */
    public CompletableFuture<Void> grow(String name, int current, int partitions) {
        short factor = (short) leadership.partition(new io.tributary.logstore.TopicPartition(name, 0)).replicas().size();
        return leadership.assignReplicas(name, current, partitions - current, factor, Map.of())
                .thenCompose(v -> logs.topics().createPartitions(name, partitions)).thenApply(t -> null);
    }

    /** The nodes that can hold replicas: the largest replication factor. */
    public int nodes() {
        return leadership.clusterSize();
    }

    /** Deletes a topic and its partitions' replica records. */
    public CompletableFuture<Void> delete(String name) {
        int partitions = logs.topics().topic(name).map(TopicDescription::partitions).orElse(0);
        return logs.topics().deleteTopic(name).thenCompose(v -> leadership.forgetReplicas(name, partitions));
    }

    private short factor(int requested) {
        return (short) (requested < 0 ? -1 : Math.min(requested, leadership.clusterSize()));
    }
}
