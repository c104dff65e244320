package io.tributary.logstore;

import static io.tributary.logstore.LogConfigDefs.CLEANUP_POLICY;
import static io.tributary.logstore.LogConfigDefs.DELETE_RETENTION_MS;
import static io.tributary.logstore.LogConfigDefs.FILE_DELETE_DELAY_MS;
import static io.tributary.logstore.LogConfigDefs.FLUSH_MESSAGES;
import static io.tributary.logstore.LogConfigDefs.FLUSH_MS;
import static io.tributary.logstore.LogConfigDefs.INDEX_INTERVAL_BYTES;
import static io.tributary.logstore.LogConfigDefs.MAX_COMPACTION_LAG_MS;
import static io.tributary.logstore.LogConfigDefs.MAX_MESSAGE_BYTES;
import static io.tributary.logstore.LogConfigDefs.MESSAGE_TIMESTAMP_AFTER_MAX_MS;
import static io.tributary.logstore.LogConfigDefs.MESSAGE_TIMESTAMP_BEFORE_MAX_MS;
import static io.tributary.logstore.LogConfigDefs.MESSAGE_TIMESTAMP_TYPE;
import static io.tributary.logstore.LogConfigDefs.MIN_CLEANABLE_DIRTY_RATIO;
import static io.tributary.logstore.LogConfigDefs.MIN_COMPACTION_LAG_MS;
import static io.tributary.logstore.LogConfigDefs.MIN_IN_SYNC_REPLICAS;
import static io.tributary.logstore.LogConfigDefs.RETENTION_BYTES;
import static io.tributary.logstore.LogConfigDefs.RETENTION_MS;
import static io.tributary.logstore.LogConfigDefs.SEGMENT_BYTES;
import static io.tributary.logstore.LogConfigDefs.SEGMENT_INDEX_BYTES;
import static io.tributary.logstore.LogConfigDefs.SEGMENT_JITTER_MS;
import static io.tributary.logstore.LogConfigDefs.SEGMENT_MS;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigSource;
import io.tributary.logstore.record.ValidationRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The resolved configuration of one log: the broker's defaults ({@code log.*} settings) with the
 * topic's overrides applied, validated. Immutable; a config change produces a new instance that the
 * log swaps in.
 */
public final class LogConfig {
    /** Where a value came from, as DescribeConfigs reports it. */
    public enum Source {
        /** Tributary's built-in default. Kafka: {@code DEFAULT_CONFIG}. */
        DEFAULT,
        /** The broker's configuration (file, environment, command line). Kafka: {@code STATIC_BROKER_CONFIG}. */
        BROKER,
        /** A per-topic override. Kafka: {@code DYNAMIC_TOPIC_CONFIG}. */
        TOPIC
    }

    /** One described config: name, canonical value text, and source. */
    public record Entry(String name, String value, Source source, LogConfigDef.Type type, String documentation) {
    }

    private final Map<String, Object> values;
    private final Map<String, Source> sources;
    private final Map<String, String> overrides;
    /** The broker defaults the overrides apply to (this instance when it has no overrides). */
    private final LogConfig defaults;
    /** Read on every append: computed once, not looked up in {@link #values} each time. */
    private final boolean logAppendTime;
    private final ValidationRules clientRules;
    private final ValidationRules coordinatorRules;

    private LogConfig(Map<String, Object> values, Map<String, Source> sources, Map<String, String> overrides, LogConfig defaults) {
        this.defaults = defaults == null ? this : defaults;
        this.values = Collections.unmodifiableMap(values);
        this.sources = Collections.unmodifiableMap(sources);
        this.overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
        this.logAppendTime = LogConfigDefs.LOG_APPEND_TIME.equals(values.get(MESSAGE_TIMESTAMP_TYPE));
        this.clientRules = rules(false);
        this.coordinatorRules = rules(true);
        if (minCompactionLagMs() > maxCompactionLagMs()) {
            throw new InvalidConfigException(MIN_COMPACTION_LAG_MS + " (" + minCompactionLagMs() + ") must not exceed "
                    + MAX_COMPACTION_LAG_MS + " (" + maxCompactionLagMs() + ")");
        }
    }

    /** The broker's defaults for every topic config. */
    public static LogConfig brokerDefaults(BrokerConfig broker) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (LogConfigDef<?> def : LogConfigDefs.all()) {
            String text = def.brokerSetting().format(broker.get(def.brokerSetting()));
            try {
                values.put(def.name(), def.parse(text));
            } catch (InvalidConfigException e) {
                throw new ConfigException(def.brokerSetting().name(), e.getMessage());
            }
            sources.put(def.name(), broker.source(def.brokerSetting()) == ConfigSource.DEFAULT ? Source.DEFAULT : Source.BROKER);
        }
        return new LogConfig(values, sources, Map.of(), null);
    }

    /** Defaults of a broker with default settings: for tests and tools. */
    public static LogConfig defaults() {
        return brokerDefaults(BrokerConfig.defaults());
    }

    /**
     * The broker defaults with {@code topicOverrides} as the topic's overrides (replacing any this
     * config had).
     *
     * @throws InvalidConfigException for an unknown name or an invalid value
     */
    public LogConfig withOverrides(Map<String, String> topicOverrides) {
        Map<String, Object> v = new LinkedHashMap<>(defaults.values);
        Map<String, Source> s = new LinkedHashMap<>(defaults.sources);
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : topicOverrides.entrySet()) {
            LogConfigDef<?> def = LogConfigDefs.require(o.getKey());
            Object parsed = def.parse(o.getValue());
            v.put(def.name(), parsed);
            s.put(def.name(), Source.TOPIC);
            canonical.put(def.name(), def.format(parsed));
        }
        return new LogConfig(v, s, canonical, defaults);
    }

    /** A text-valued config (see {@link LogConfigDef#ofText}). */
    public String text(String name) {
        Object v = values.get(name);
        return v == null ? "" : v.toString();
    }

    /** The broker defaults under this config's overrides. */
    public LogConfig brokerDefaults() {
        return defaults;
    }

    /** The topic's own overrides, canonical text by name. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** Every config with its value and source, in name order. */
    public List<Entry> describe() {
        List<Entry> out = new ArrayList<>();
        for (LogConfigDef<?> def : LogConfigDefs.all()) {
            out.add(new Entry(def.name(), def.format(values.get(def.name())), sources.get(def.name()), def.type(), def.doc()));
        }
        return out;
    }

    private long longValue(String name) {
        return ((Number) values.get(name)).longValue();
    }

    private int intValue(String name) {
        return ((Number) values.get(name)).intValue();
    }

    @SuppressWarnings("unchecked")
    private Set<String> cleanupPolicy() {
        return (Set<String>) values.get(CLEANUP_POLICY);
    }

    public boolean compact() {
        return cleanupPolicy().contains(LogConfigDefs.POLICY_COMPACT);
    }

    public boolean delete() {
        return cleanupPolicy().contains(LogConfigDefs.POLICY_DELETE);
    }

    public int segmentBytes() {
        return intValue(SEGMENT_BYTES);
    }

    public long segmentMs() {
        return longValue(SEGMENT_MS);
    }

    public long segmentJitterMs() {
        return longValue(SEGMENT_JITTER_MS);
    }

    public int segmentIndexBytes() {
        return intValue(SEGMENT_INDEX_BYTES);
    }

    public int indexIntervalBytes() {
        return intValue(INDEX_INTERVAL_BYTES);
    }

    public long retentionMs() {
        return longValue(RETENTION_MS);
    }

    public long retentionBytes() {
        return longValue(RETENTION_BYTES);
    }

    public long deleteRetentionMs() {
        return longValue(DELETE_RETENTION_MS);
    }

    public long minCompactionLagMs() {
        return longValue(MIN_COMPACTION_LAG_MS);
    }

    public long maxCompactionLagMs() {
        return longValue(MAX_COMPACTION_LAG_MS);
    }

    public double minCleanableDirtyRatio() {
        return (Double) values.get(MIN_CLEANABLE_DIRTY_RATIO);
    }

    public long fileDeleteDelayMs() {
        return longValue(FILE_DELETE_DELAY_MS);
    }

    public long flushMessages() {
        return longValue(FLUSH_MESSAGES);
    }

    public long flushMs() {
        return longValue(FLUSH_MS);
    }

    public int maxMessageBytes() {
        return intValue(MAX_MESSAGE_BYTES);
    }

    public boolean logAppendTime() {
        return logAppendTime;
    }

    public long messageTimestampBeforeMaxMs() {
        return longValue(MESSAGE_TIMESTAMP_BEFORE_MAX_MS);
    }

    public long messageTimestampAfterMaxMs() {
        return longValue(MESSAGE_TIMESTAMP_AFTER_MAX_MS);
    }

    public int minInSyncReplicas() {
        return intValue(MIN_IN_SYNC_REPLICAS);
    }

    /** The append checks this config implies; {@code coordinator} allows control batches (transaction markers). */
    public ValidationRules validationRules(boolean coordinator) {
        return coordinator ? coordinatorRules : clientRules;
    }

    private ValidationRules rules(boolean coordinator) {
        return new ValidationRules(maxMessageBytes(), logAppendTime, messageTimestampBeforeMaxMs(), messageTimestampAfterMaxMs(),
                compact(), coordinator);
    }

    @Override
    public String toString() {
        return "LogConfig" + overrides;
    }
}
