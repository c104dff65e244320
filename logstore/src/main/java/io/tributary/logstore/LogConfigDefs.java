package io.tributary.logstore;

import io.tributary.config.LogSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every topic config the log store understands, under its Apache Kafka name, with the broker
 * setting that provides its default. CreateTopics, AlterConfigs and DescribeConfigs accept exactly
 * these names; anything else is an {@link InvalidConfigException}.
 */
public final class LogConfigDefs {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MIN_IN_SYNC_REPLICAS = "min.insync.replicas";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String SEGMENT_JITTER_MS = "segment.jitter.ms";
    public static final String SEGMENT_MS = "segment.ms";

    /** Tributary's own: the AMQP exchange records of the topic are also routed through (see server's topic bridge). */
    public static final String AMQP_EXCHANGE = "tributary.amqp.exchange";
    public static final String AMQP_VHOST = "tributary.amqp.vhost";
    public static final String AMQP_ROUTING_KEY_HEADER = "tributary.amqp.routing.key.header";

    public static final String POLICY_DELETE = "delete";
    public static final String POLICY_COMPACT = "compact";
    public static final String CREATE_TIME = "CreateTime";
    public static final String LOG_APPEND_TIME = "LogAppendTime";
    /** Batches are stored as the producer compressed them. */
    public static final String COMPRESSION_PRODUCER = "producer";

    private static final Map<String, LogConfigDef<?>> DEFS = new LinkedHashMap<>();

    static {
        add(LogConfigDef.ofList(CLEANUP_POLICY, LogSettings.CLEANUP_POLICY, LogConfigDef.words(POLICY_DELETE, POLICY_COMPACT)));
        add(LogConfigDef.ofChoice(COMPRESSION_TYPE, LogSettings.COMPRESSION_TYPE, List.of(COMPRESSION_PRODUCER)));
        add(LogConfigDef.ofLong(DELETE_RETENTION_MS, LogSettings.CLEANER_DELETE_RETENTION_MS, 0, Long.MAX_VALUE));
        add(LogConfigDef.ofLong(FILE_DELETE_DELAY_MS, LogSettings.SEGMENT_DELETE_DELAY_MS, 0, Long.MAX_VALUE));
        add(LogConfigDef.ofLong(FLUSH_MESSAGES, LogSettings.FLUSH_INTERVAL_MESSAGES, 1, Long.MAX_VALUE));
        add(LogConfigDef.ofLong(FLUSH_MS, LogSettings.FLUSH_INTERVAL_MS, 0, Long.MAX_VALUE));
        add(LogConfigDef.ofInt(INDEX_INTERVAL_BYTES, LogSettings.INDEX_INTERVAL_BYTES, 0, Integer.MAX_VALUE));
        add(LogConfigDef.ofLong(MAX_COMPACTION_LAG_MS, LogSettings.CLEANER_MAX_COMPACTION_LAG_MS, 1, Long.MAX_VALUE));
        add(LogConfigDef.ofInt(MAX_MESSAGE_BYTES, LogSettings.MESSAGE_MAX_BYTES, 0, Integer.MAX_VALUE));
        add(LogConfigDef.ofLong(MESSAGE_TIMESTAMP_AFTER_MAX_MS, LogSettings.MESSAGE_TIMESTAMP_AFTER_MAX_MS, 0, Long.MAX_VALUE));
        add(LogConfigDef.ofLong(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, LogSettings.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, 0, Long.MAX_VALUE));
        add(LogConfigDef.ofChoice(MESSAGE_TIMESTAMP_TYPE, LogSettings.MESSAGE_TIMESTAMP_TYPE, List.of(CREATE_TIME, LOG_APPEND_TIME)));
        add(LogConfigDef.ofDouble(MIN_CLEANABLE_DIRTY_RATIO, LogSettings.CLEANER_MIN_CLEANABLE_RATIO, 0, 1));
        add(LogConfigDef.ofLong(MIN_COMPACTION_LAG_MS, LogSettings.CLEANER_MIN_COMPACTION_LAG_MS, 0, Long.MAX_VALUE));
        add(LogConfigDef.ofInt(MIN_IN_SYNC_REPLICAS, LogSettings.MIN_INSYNC_REPLICAS, 1, Integer.MAX_VALUE));
        add(LogConfigDef.ofLong(RETENTION_BYTES, LogSettings.RETENTION_BYTES, -1, Long.MAX_VALUE));
        add(LogConfigDef.ofLong(RETENTION_MS, LogSettings.RETENTION_MS, -1, Long.MAX_VALUE));
        add(LogConfigDef.ofInt(SEGMENT_BYTES, LogSettings.SEGMENT_BYTES, 14, Integer.MAX_VALUE));
        add(LogConfigDef.ofInt(SEGMENT_INDEX_BYTES, LogSettings.INDEX_SIZE_MAX_BYTES, 4096, Integer.MAX_VALUE));
        add(LogConfigDef.ofLong(SEGMENT_JITTER_MS, LogSettings.ROLL_JITTER_MS, 0, Long.MAX_VALUE));
        add(LogConfigDef.ofLong(SEGMENT_MS, LogSettings.ROLL_MS, 1, Long.MAX_VALUE));
        add(LogConfigDef.ofText(AMQP_EXCHANGE, LogSettings.AMQP_EXCHANGE));
        add(LogConfigDef.ofText(AMQP_VHOST, LogSettings.AMQP_VHOST));
        add(LogConfigDef.ofText(AMQP_ROUTING_KEY_HEADER, LogSettings.AMQP_ROUTING_KEY_HEADER));
    }

    private LogConfigDefs() {
    }

    private static void add(LogConfigDef<?> def) {
        DEFS.put(def.name(), def);
    }

    /** Every supported topic config, in name order. */
    public static List<LogConfigDef<?>> all() {
        return List.copyOf(DEFS.values());
    }

    public static Optional<LogConfigDef<?>> byName(String name) {
        return Optional.ofNullable(DEFS.get(name));
    }

    /**
     * The definition of {@code name}.
     *
     * @throws InvalidConfigException when no topic config has that name
     */
    public static LogConfigDef<?> require(String name) {
        LogConfigDef<?> def = DEFS.get(name);
        if (def == null) {
            throw new InvalidConfigException("unknown topic config name: " + name);
        }
        return def;
    }
}
