package io.tributary.logstore.topic;

import io.tributary.logstore.LogConfig;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** What the registry asks of the log manager when topics change. */
public interface TopicLogs {
    /** Creates (or opens) the logs of partitions {@code [fromPartition, toPartition)}. */
    CompletableFuture<Void> createLogs(String topic, UUID topicId, int fromPartition, int toPartition, LogConfig config);

    /** Stops the topic's logs now and removes their files in the background. */
    CompletableFuture<Void> deleteLogs(String topic, int partitions);

    /** Applies a changed config to the topic's open logs. */
    void updateConfig(String topic, int partitions, LogConfig config);
}
