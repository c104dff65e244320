package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.CoordinatorLog;
import io.tributary.kafka.group.OffsetsTopic;
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

    public LogOffsetsTopic(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public CompletableFuture<Integer> ensureCreated(int partitions, int segmentBytes) {
        Map<String, String> configs = Map.of(LogConfigDefs.CLEANUP_POLICY, LogConfigDefs.POLICY_COMPACT,
                LogConfigDefs.SEGMENT_BYTES, Integer.toString(segmentBytes));
        // Put-if-absent in the metadata store: nodes starting together all get the first one's topic.
        return logs.topics().ensureTopic(new NewTopic(NAME, partitions, configs)).thenApply(TopicDescription::partitions);
    }

    @Override
    public CoordinatorLog log(int partition) {
        return new PartitionCoordinatorLog(logs, new io.tributary.logstore.TopicPartition(NAME, partition));
    }
}
