package io.tributary.kafka.group;

import io.tributary.config.BrokerConfig;
import io.tributary.config.KafkaSettings;
import java.util.List;

/**
 * The group coordinator's settings, read once from the broker configuration.
 *
 * @param consumerAssignors names of the server-side assignors of consumer-protocol groups; the first
 *     is the default
 */
public record GroupConfig(int offsetsTopicPartitions, int offsetsTopicSegmentBytes, long offsetsRetentionMs,
        long offsetsRetentionCheckIntervalMs, int offsetMetadataMaxBytes, int initialRebalanceDelayMs, int minSessionTimeoutMs,
        int maxSessionTimeoutMs, int maxGroupSize, int consumerSessionTimeoutMs, int consumerHeartbeatIntervalMs,
        List<String> consumerAssignors, int threads) {

    public GroupConfig {
        consumerAssignors = List.copyOf(consumerAssignors);
    }

    public static GroupConfig from(BrokerConfig c) {
        return new GroupConfig(c.get(KafkaSettings.OFFSETS_TOPIC_NUM_PARTITIONS), c.get(KafkaSettings.OFFSETS_TOPIC_SEGMENT_BYTES),
                c.get(KafkaSettings.OFFSETS_RETENTION_MINUTES) * 60_000L, c.get(KafkaSettings.OFFSETS_RETENTION_CHECK_INTERVAL_MS),
                c.get(KafkaSettings.OFFSET_METADATA_MAX_BYTES), c.get(KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS),
                c.get(KafkaSettings.GROUP_MIN_SESSION_TIMEOUT_MS), c.get(KafkaSettings.GROUP_MAX_SESSION_TIMEOUT_MS),
                c.get(KafkaSettings.GROUP_MAX_SIZE), c.get(KafkaSettings.GROUP_CONSUMER_SESSION_TIMEOUT_MS),
                c.get(KafkaSettings.GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS), c.get(KafkaSettings.GROUP_CONSUMER_ASSIGNORS),
                c.get(KafkaSettings.GROUP_COORDINATOR_THREADS));
    }

    /** The defaults (Kafka's), for tests. */
    public static GroupConfig defaults() {
        return from(BrokerConfig.defaults());
    }

    /** The name of the assignor a consumer-protocol group uses when its members name none. */
    public String defaultAssignor() {
        return consumerAssignors.isEmpty() ? "uniform" : consumerAssignors.get(0);
    }
}
