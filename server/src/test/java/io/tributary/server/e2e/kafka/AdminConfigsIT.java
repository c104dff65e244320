package io.tributary.server.e2e.kafka;

import static io.tributary.server.e2e.kafka.AdminFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.LogSettings;
import io.tributary.server.testing.BrokerExtension;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSynonym;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigType;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Topic and broker configs through the real {@code Admin} client: what DescribeConfigs reports
 * (values, sources, synonyms, types, documentation), and IncrementalAlterConfigs. The broker sets
 * {@code log.retention.bytes}, so a static broker setting shows next to defaults and topic overrides.
 */
class AdminConfigsIT {
    private static final long BROKER_RETENTION_BYTES = 1L << 30;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(LogSettings.RETENTION_BYTES, BROKER_RETENTION_BYTES));

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = KafkaClients.admin(BROKER.get().kafkaBootstrap());
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void topicConfigsShowTheirSourceSynonymsTypeAndDocumentation() throws Exception {
        ConfigResource topic = createTopic("configs-described", Map.of("retention.ms", "3600000"));
        Config config = describe(topic, true);

        ConfigEntry retentionMs = config.get("retention.ms");
        assertThat(retentionMs.value()).isEqualTo("3600000");
        assertThat(retentionMs.source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(retentionMs.type()).isEqualTo(ConfigType.LONG);
        assertThat(retentionMs.isReadOnly()).isFalse();
        assertThat(retentionMs.isSensitive()).isFalse();
        assertThat(retentionMs.documentation()).isNotBlank();
        assertThat(retentionMs.synonyms()).extracting(ConfigSynonym::name, ConfigSynonym::value, ConfigSynonym::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple("retention.ms", "3600000", ConfigSource.DYNAMIC_TOPIC_CONFIG),
                org.assertj.core.groups.Tuple.tuple("log.retention.ms", "604800000", ConfigSource.DEFAULT_CONFIG));

        ConfigEntry retentionBytes = config.get("retention.bytes");
        assertThat(retentionBytes.value()).isEqualTo(Long.toString(BROKER_RETENTION_BYTES));
        assertThat(retentionBytes.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(retentionBytes.synonyms()).extracting(ConfigSynonym::source)
                .containsExactly(ConfigSource.STATIC_BROKER_CONFIG, ConfigSource.DEFAULT_CONFIG);

        ConfigEntry segmentBytes = config.get("segment.bytes");
        assertThat(segmentBytes.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        assertThat(segmentBytes.isDefault()).isTrue();
        assertThat(segmentBytes.value()).isEqualTo("1073741824");
        assertThat(segmentBytes.type()).isEqualTo(ConfigType.INT);
        assertThat(config.get("cleanup.policy").type()).isEqualTo(ConfigType.LIST);
        assertThat(config.get("min.cleanable.dirty.ratio").type()).isEqualTo(ConfigType.DOUBLE);
        assertThat(config.entries()).extracting(ConfigEntry::name).contains("retention.ms", "retention.bytes", "segment.bytes", "segment.ms",
                "cleanup.policy", "max.message.bytes", "message.timestamp.type", "min.insync.replicas");

        Config plain = describe(topic, false);
        assertThat(plain.get("retention.ms").synonyms()).isEmpty();
        assertThat(plain.get("retention.ms").documentation()).isNull();
        assertThat(plain.get("retention.ms").source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);

        ConfigResource unknown = new ConfigResource(ConfigResource.Type.TOPIC, "configs-no-such-topic");
        assertThat(failure(admin.describeConfigs(List.of(unknown)).all())).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void brokerConfigsAreTheBrokerSettingsUnderKafkaNamesAndReadOnly() throws Exception {
        Config config = describe(new ConfigResource(ConfigResource.Type.BROKER, "0"), true);
        ConfigEntry retentionBytes = config.get("log.retention.bytes");
        assertThat(retentionBytes.value()).isEqualTo(Long.toString(BROKER_RETENTION_BYTES));
        assertThat(retentionBytes.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(retentionBytes.synonyms()).extracting(ConfigSynonym::value).containsExactly(Long.toString(BROKER_RETENTION_BYTES), "-1");
        ConfigEntry partitions = config.get("num.partitions");
        assertThat(partitions.value()).isEqualTo("1");
        assertThat(partitions.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        assertThat(partitions.type()).isEqualTo(ConfigType.INT);
        assertThat(config.get("node.id").value()).isEqualTo("0");
        assertThat(config.get("log.dirs").value()).startsWith(BROKER.get().dataDir().toAbsolutePath().toString());
        assertThat(config.get("advertised.listeners").value()).isEqualTo("PLAINTEXT://127.0.0.1:" + BROKER.get().kafkaPort());
        assertThat(config.get("log.cleanup.policy").type()).isEqualTo(ConfigType.LIST);
        assertThat(config.entries()).allSatisfy(e -> assertThat(e.isReadOnly()).as(e.name()).isTrue());
        assertThat(config.entries()).extracting(ConfigEntry::name).doesNotContain("log.flush.threads", "data.dir", "kafka.port");

        ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "0");
        assertThat(failure(admin.incrementalAlterConfigs(Map.of(brokerResource,
                List.of(new AlterConfigOp(new ConfigEntry("log.retention.ms", "1000"), OpType.SET)))).all()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("log.retention.ms");
        assertThat(describe(brokerResource, false).get("log.retention.ms").value()).isEqualTo("604800000");
    }

    @Test
    void incrementalAlterConfigsSetsDeletesAppendsAndSubtracts() throws Exception {
        ConfigResource topic = createTopic("configs-altered", Map.of());
        alter(topic, op("retention.ms", "1000", OpType.SET), op("cleanup.policy", "compact", OpType.APPEND));
        Config config = describe(topic, false);
        assertThat(config.get("retention.ms").value()).isEqualTo("1000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact,delete");

        alter(topic, op("cleanup.policy", "delete", OpType.SUBTRACT), op("retention.ms", null, OpType.DELETE));
        config = describe(topic, false);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("retention.ms").value()).isEqualTo("604800000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);

        admin.incrementalAlterConfigs(Map.of(topic, List.of(op("segment.ms", "60000", OpType.SET))), new AlterConfigsOptions().validateOnly(true))
                .all().get();
        assertThat(describe(topic, false).get("segment.ms").source()).as("validateOnly").isEqualTo(ConfigSource.DEFAULT_CONFIG);

        assertThat(failure(admin.incrementalAlterConfigs(Map.of(topic, List.of(op("retention.ms", "tomorrow", OpType.SET)))).all()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("retention.ms");
        assertThat(failure(admin.incrementalAlterConfigs(Map.of(topic, List.of(op("retention.ms", "5", OpType.APPEND)))).all()))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThat(failure(admin.incrementalAlterConfigs(Map.of(topic, List.of(op("no.such.config", "5", OpType.SET)))).all()))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThat(failure(admin.incrementalAlterConfigs(Map.of(topic, List.of(op("segment.ms", "60000", OpType.SET),
                op("retention.ms", "-7", OpType.SET)))).all())).as("all or nothing").isInstanceOf(InvalidConfigurationException.class);
        assertThat(describe(topic, false).get("segment.ms").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        ConfigResource unknown = new ConfigResource(ConfigResource.Type.TOPIC, "configs-no-such-topic");
        assertThat(failure(admin.incrementalAlterConfigs(Map.of(unknown, List.of(op("retention.ms", "1", OpType.SET)))).all()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void alteredConfigsApplyToTheLog() throws Exception {
        ConfigResource topic = createTopic("configs-applied", Map.of());
        alter(topic, op("max.message.bytes", "512", OpType.SET));
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            assertThat(catchCause(() -> producer.send(new ProducerRecord<>(topic.name(), 0, "k", "x".repeat(2000))).get()))
                    .isInstanceOf(RecordTooLargeException.class);
            alter(topic, op("max.message.bytes", null, OpType.DELETE));
            assertThat(producer.send(new ProducerRecord<>(topic.name(), 0, "k", "x".repeat(2000))).get().offset()).isZero();
        }
    }

    private static Throwable catchCause(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call).getCause();
    }

    private static ConfigResource createTopic(String name, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get();
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static Config describe(ConfigResource resource, boolean synonymsAndDocs) throws Exception {
        DescribeConfigsOptions options = new DescribeConfigsOptions().includeSynonyms(synonymsAndDocs).includeDocumentation(synonymsAndDocs);
        return admin.describeConfigs(List.of(resource), options).all().get().get(resource);
    }

    private static AlterConfigOp op(String name, String value, OpType type) {
        return new AlterConfigOp(new ConfigEntry(name, value), type);
    }

    private static void alter(ConfigResource resource, AlterConfigOp... ops) throws Exception {
        Collection<AlterConfigOp> changes = List.of(ops);
        admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get();
    }
}
