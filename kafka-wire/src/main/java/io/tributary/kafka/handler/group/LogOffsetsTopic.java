package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.CoordinatorLog;
import io.tributary.kafka.group.OffsetsTopic;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.TopicExistsException;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Map;
import java.util.Optional;
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
        Optional<TopicDescription> existing = logs.topics().topic(NAME);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get().partitions());
        }
        Map<String, String> configs = Map.of(LogConfigDefs.CLEANUP_POLICY, LogConfigDefs.POLICY_COMPACT,
                LogConfigDefs.SEGMENT_BYTES, Integer.toString(segmentBytes));
        try {
            return logs.topics().createTopic(NAME, partitions, configs).thenApply(TopicDescription::partitions);
        } catch (TopicExistsException e) {
            return CompletableFuture.completedFuture(logs.topics().require(NAME).partitions());
        }
    }

    @Override
    public CoordinatorLog log(int partition) {
        return new PartitionCoordinatorLog(logs, new io.tributary.logstore.TopicPartition(NAME, partition));
    }
}
