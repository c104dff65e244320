package io.tributary.config;

import java.util.List;

/** Broker-wide defaults for partition logs; topics may override them with their own configs. */
public final class LogSettings {
    public static final Setting<Long> SEGMENT_BYTES = Setting.ofLong("log.segment.bytes", 1L << 30, 14, Integer.MAX_VALUE,
            "Size at which a log segment is rolled (Kafka: log.segment.bytes).");
    public static final Setting<Long> RETENTION_MS = Setting.ofLong("log.retention.ms", 7L * 24 * 3600 * 1000, -1, Long.MAX_VALUE,
            "Age after which whole segments are deleted; -1 keeps forever (Kafka: log.retention.ms).");
    public static final Setting<Long> RETENTION_BYTES = Setting.ofLong("log.retention.bytes", -1, -1, Long.MAX_VALUE,
            "Size per partition beyond which the oldest segments are deleted; -1 = no limit.");
    public static final Setting<Long> FLUSH_INTERVAL_MESSAGES = Setting.ofLong("log.flush.interval.messages", 1, 1, Long.MAX_VALUE,
            "Appended messages after which a partition is fsynced (group commit); 1 = every append is durable before it is acknowledged.");
    public static final Setting<Long> FLUSH_INTERVAL_MS = Setting.ofLong("log.flush.interval.ms", Long.MAX_VALUE, 0, Long.MAX_VALUE,
            "Longest time appended data may stay unsynced.");

    private LogSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(SEGMENT_BYTES, RETENTION_MS, RETENTION_BYTES, FLUSH_INTERVAL_MESSAGES, FLUSH_INTERVAL_MS);
    }
}
