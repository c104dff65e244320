package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.CoordinatorLog;
import io.tributary.kafka.group.OffsetsTopic;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.topic.NewTopic;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code __consumer_offsets} in the log store: created at start-up when missing, compacted (only
 * the latest record of each key matters), each partition a {@link PartitionCoordinatorLog}.
 */
public final class LogOffsetsTopic implements OffsetsTopic {
    private final LogManager logs;
    private final Leadership leadership;
    private final int replicationFactor;

    /** @param replicationFactor replicas of each partition in a cluster (capped by the nodes there are) */
    public LogOffsetsTopic(LogManager logs, Leadership leadership, int replicationFactor) {
        this.logs = logs;
        this.leadership = leadership;
        this.replicationFactor = replicationFactor;
    }

    @Override
    public CompletableFuture<Integer> ensureCreated(int partitions, int segmentBytes) {
        Map<String, String> configs = Map.of(LogConfigDefs.CLEANUP_POLICY, LogConfigDefs.POLICY_COMPACT,
                LogConfigDefs.SEGMENT_BYTES, Integer.toString(segmentBytes));
        // Put-if-absent in the metadata store: nodes starting together all get the first one's topic.
        short factor = (short) Math.min(replicationFactor, leadership.clusterSize());
        // in a cluster the partitions' replicas are recorded first, so that coordinators move with their leadership
        return leadership.assignReplicas(NAME, 0, partitions, factor, Map.of())
                .thenCompose(v -> logs.topics().ensureTopic(new NewTopic(NAME, partitions, configs))).thenApply(TopicDescription::partitions);
    }

    @Override
    public CoordinatorLog log(int partition) {
        return new PartitionCoordinatorLog(logs, new io.tributary.logstore.TopicPartition(NAME, partition), leadership);
    }
}
