package io.tributary.kafka.handler.admin;

import io.tributary.config.BrokerConfig;
import io.tributary.config.KafkaSettings;
import io.tributary.config.ListenerSettings;
import io.tributary.config.LogSettings;
import io.tributary.config.NodeSettings;
import io.tributary.config.Setting;
import io.tributary.kafka.KafkaContext;
import io.tributary.logstore.LogConfigDef;
import io.tributary.logstore.LogConfigDefs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * This broker's settings under the names of the Apache Kafka broker configs they correspond to, as
 * DescribeConfigs of a BROKER resource reports them: {@code STATIC_BROKER_CONFIG} when the operator
 * set them, {@code DEFAULT_CONFIG} otherwise, all read-only (Tributary changes no broker setting at
 * run time). Settings that have no Kafka counterpart (flush threads, open-segment cap…) are left out.
 */
final class BrokerConfigEntries {
    /** Settings whose Tributary name is the Kafka broker config's name. */
    private static final List<Setting<?>> SAME_NAME = List.of(KafkaSettings.NUM_PARTITIONS, KafkaSettings.AUTO_CREATE_TOPICS,
            LogSettings.SEGMENT_BYTES, LogSettings.ROLL_MS, LogSettings.ROLL_JITTER_MS, LogSettings.INDEX_INTERVAL_BYTES,
            LogSettings.INDEX_SIZE_MAX_BYTES, LogSettings.RETENTION_MS, LogSettings.RETENTION_BYTES, LogSettings.RETENTION_CHECK_INTERVAL_MS,
            LogSettings.SEGMENT_DELETE_DELAY_MS, LogSettings.CLEANUP_POLICY, LogSettings.CLEANER_ENABLE, LogSettings.CLEANER_THREADS,
            LogSettings.CLEANER_DEDUPE_BUFFER_SIZE, LogSettings.CLEANER_BACKOFF_MS, LogSettings.CLEANER_MIN_CLEANABLE_RATIO,
            LogSettings.CLEANER_DELETE_RETENTION_MS, LogSettings.CLEANER_MIN_COMPACTION_LAG_MS, LogSettings.CLEANER_MAX_COMPACTION_LAG_MS,
            LogSettings.MESSAGE_MAX_BYTES, LogSettings.MESSAGE_TIMESTAMP_TYPE, LogSettings.MESSAGE_TIMESTAMP_BEFORE_MAX_MS,
            LogSettings.MESSAGE_TIMESTAMP_AFTER_MAX_MS, LogSettings.COMPRESSION_TYPE, LogSettings.MIN_INSYNC_REPLICAS,
            LogSettings.FLUSH_INTERVAL_MESSAGES, LogSettings.FLUSH_INTERVAL_MS, LogSettings.FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS,
            LogSettings.PRODUCER_ID_EXPIRATION_MS);

    private final KafkaContext kafka;

    BrokerConfigEntries(KafkaContext kafka) {
        this.kafka = kafka;
    }

    /** One broker config: its Kafka name, value, whether the operator set it, and its built-in default (null if none). */
    private record Entry(String name, String value, boolean explicit, String defaultValue, ConfigType type, String doc) {
    }

    /** The configs {@code wanted} selects, in name order. */
    List<DescribeConfigsResourceResult> describe(Predicate<String> wanted, boolean includeSynonyms, boolean includeDocumentation) {
        List<DescribeConfigsResourceResult> out = new ArrayList<>();
        for (Entry e : entries()) {
            if (!wanted.test(e.name())) {
                continue;
            }
            List<DescribeConfigsSynonym> synonyms = new ArrayList<>(2);
            if (e.explicit()) {
                synonyms.add(new DescribeConfigsSynonym().setName(e.name()).setValue(e.value())
                        .setSource(ConfigSource.STATIC_BROKER_CONFIG.id()));
            }
            if (e.defaultValue() != null) {
                synonyms.add(new DescribeConfigsSynonym().setName(e.name()).setValue(e.defaultValue())
                        .setSource(ConfigSource.DEFAULT_CONFIG.id()));
            }
            out.add(new DescribeConfigsResourceResult()
                    .setName(e.name())
                    .setValue(e.value())
                    .setReadOnly(true)
                    .setIsSensitive(false)
                    .setConfigSource(synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG.id() : synonyms.get(0).source())
                    .setConfigType(e.type().id())
                    .setDocumentation(includeDocumentation ? e.doc() : null)
                    .setSynonyms(includeSynonyms ? synonyms : List.of()));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** True when {@code name} is one of the configs this broker reports. */
    boolean isKnown(String name) {
        return entries().stream().anyMatch(e -> e.name().equals(name));
    }

    private List<Entry> entries() {
        BrokerConfig config = kafka.config();
        List<Entry> out = new ArrayList<>();
        for (Setting<?> s : SAME_NAME) {
            out.add(fromSetting(s.name(), s, config));
        }
        out.add(fromSetting("node.id", NodeSettings.NODE_ID, config));
        out.add(fromSetting("broker.id", NodeSettings.NODE_ID, config));
        out.add(fromSetting("socket.request.max.bytes", KafkaSettings.MAX_REQUEST_BYTES, config));
        short replication = kafka.leadership().defaultReplicationFactor();
        out.add(new Entry("default.replication.factor", Short.toString(replication), explicit(config, KafkaSettings.DEFAULT_REPLICATION_FACTOR),
                Short.toString(replication), ConfigType.INT, "Replication factor of topics created with replication factor -1."));
        out.add(derived("log.dirs", kafka.logs().logsDir().toAbsolutePath().toString(), explicit(config, NodeSettings.DATA_DIR),
                ConfigType.STRING, "The directory holding the partition logs: the logs directory of data.dir."));
        out.add(derived("listeners", "PLAINTEXT://" + config.get(NodeSettings.BIND_HOST) + ":" + kafka.advertisedPort().getAsInt(),
                explicit(config, NodeSettings.BIND_HOST) || explicit(config, ListenerSettings.KAFKA_PORT), ConfigType.LIST,
                "The Kafka listener: bind.host and kafka.port."));
        out.add(derived("advertised.listeners", "PLAINTEXT://" + kafka.advertisedHost() + ":" + kafka.advertisedPort().getAsInt(),
                explicit(config, NodeSettings.ADVERTISED_HOST) || explicit(config, ListenerSettings.KAFKA_PORT), ConfigType.LIST,
                "Where Kafka clients are told to connect: advertised.host and the Kafka listener's port."));
        return out;
    }

    private static Entry fromSetting(String kafkaName, Setting<?> s, BrokerConfig config) {
        String defaultValue = s.defaultValue() == null ? null : s.format(s.defaultValue());
        String doc = kafkaName.equals(s.name()) ? s.doc() : s.doc() + " (Tributary setting: " + s.name() + ")";
        return new Entry(kafkaName, s.format(config.get(s)), explicit(config, s), defaultValue, type(s), doc);
    }

    /** A config computed from settings: it has no built-in default of its own. */
    private static Entry derived(String name, String value, boolean explicit, ConfigType type, String doc) {
        return new Entry(name, value, explicit, explicit ? null : value, type, doc);
    }

    private static boolean explicit(BrokerConfig config, Setting<?> s) {
        return config.source(s) != io.tributary.config.ConfigSource.DEFAULT;
    }

    private static ConfigType type(Setting<?> s) {
        for (LogConfigDef<?> def : LogConfigDefs.all()) {
            if (def.brokerSetting() == s) {
                return TopicConfigEntries.type(def.type());
            }
        }
        switch (s.typeName()) {
            case "int":
                return ConfigType.INT;
            case "long":
                return ConfigType.LONG;
            case "boolean":
                return ConfigType.BOOLEAN;
            case "list":
                return ConfigType.LIST;
            default:
                return ConfigType.STRING;
        }
    }
}
