package io.tributary.logstore.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.logstore.InvalidConfigException;
import io.tributary.logstore.InvalidPartitionsException;
import io.tributary.logstore.InvalidTopicException;
import io.tributary.logstore.LogClosedException;
import io.tributary.logstore.LogConfig;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicExistsException;
import io.tributary.logstore.UnknownTopicOrPartitionException;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.LogFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicRegistryTest {
    @TempDir
    Path dir;
    LogFixture fx;
    TopicRegistry topics;

    @BeforeEach
    void open() {
        fx = LogFixture.real(dir, BrokerConfig.builder().set(LogSettings.SEGMENT_BYTES, 1_000_000L)
                .set(LogSettings.SEGMENT_DELETE_DELAY_MS, 0L).build());
        topics = fx.manager.topics();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private TopicDescription create(String name, int partitions, Map<String, String> configs) throws Exception {
        return topics.createTopic(new NewTopic(name, partitions, configs)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void createdTopicsHaveStableIdsAndOpenLogs() throws Exception {
        TopicDescription t = create("orders", 3, Map.of(LogConfigDefs.RETENTION_MS, "3600000"));
        assertThat(t.topicId()).isNotNull();
        assertThat(t.partitions()).isEqualTo(3);
        for (int p = 0; p < 3; p++) {
            assertThat(fx.manager.getLog("orders", p).topicId()).isEqualTo(t.topicId());
            assertThat(Files.isDirectory(fx.logsDir.resolve("orders-" + p))).isTrue();
        }
        assertThat(topics.topic("orders")).contains(t);
        assertThat(topics.topic(t.topicId())).contains(t);
        assertThat(fx.store.list(TopicRegistry.METADATA_KIND)).containsKey("orders");
        assertThat(fx.store.list(TopicRegistry.METADATA_KIND).get("orders")).contains("\"partitions\":3").contains("retention.ms");
        assertThatThrownBy(() -> fx.manager.getLog("orders", 3)).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void topicNamesAreValidatedAsKafkaDoes() {
        for (String bad : List.of("", ".", "..", "x".repeat(250), "with space", "ümlaut", "a/b")) {
            assertThatThrownBy(() -> topics.createTopic(new NewTopic(bad, 1))).as(bad).isInstanceOf(InvalidTopicException.class);
        }
        assertThat(topics.validateCreate(new NewTopic("x".repeat(249), 1)).name()).hasSize(249);
        assertThat(topics.validateCreate(new NewTopic("Valid.name_with-chars09", 1)).partitions()).isEqualTo(1);
    }

    @Test
    void duplicatesCollisionsAndBadPartitionCountsAreRefused() throws Exception {
        create("a.b", 1, Map.of());
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("a.b", 1))).isInstanceOf(TopicExistsException.class);
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("a_b", 1))).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("collides");
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("zero", 0))).isInstanceOf(InvalidPartitionsException.class);
        assertThat(topics.topic("zero")).isEmpty();
    }

    @Test
    void configsAreValidatedByNameAndValue() {
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("t", 1, Map.of("retention.minutes", "5"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("retention.minutes");
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("t", 1, Map.of(LogConfigDefs.RETENTION_MS, "soon"))))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("t", 1, Map.of(LogConfigDefs.CLEANUP_POLICY, "shred"))))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("t", 1, Map.of(LogConfigDefs.MIN_CLEANABLE_DIRTY_RATIO, "1.5"))))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> topics.createTopic(new NewTopic("t", 1,
                Map.of(LogConfigDefs.MIN_COMPACTION_LAG_MS, "100", LogConfigDefs.MAX_COMPACTION_LAG_MS, "10"))))
                .isInstanceOf(InvalidConfigException.class);
        assertThat(topics.topics()).isEmpty();
    }

    @Test
    void describeReportsEachValueWithItsSource() throws Exception {
        create("t", 1, Map.of(LogConfigDefs.RETENTION_MS, "1000", LogConfigDefs.CLEANUP_POLICY, "compact,delete"));
        Map<String, LogConfig.Entry> entries = byName(topics.describeConfigs("t"));
        assertThat(entries.get(LogConfigDefs.RETENTION_MS).value()).isEqualTo("1000");
        assertThat(entries.get(LogConfigDefs.RETENTION_MS).source()).isEqualTo(LogConfig.Source.TOPIC);
        assertThat(entries.get(LogConfigDefs.CLEANUP_POLICY).value()).isEqualTo("compact,delete");
        assertThat(entries.get(LogConfigDefs.SEGMENT_BYTES).value()).isEqualTo("1000000");
        assertThat(entries.get(LogConfigDefs.SEGMENT_BYTES).source()).isEqualTo(LogConfig.Source.BROKER);
        assertThat(entries.get(LogConfigDefs.MAX_MESSAGE_BYTES).value()).isEqualTo("1048588");
        assertThat(entries.get(LogConfigDefs.MAX_MESSAGE_BYTES).source()).isEqualTo(LogConfig.Source.DEFAULT);
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(
                TopicRegistry.supportedConfigs().stream().map(d -> d.name()).toList());
        assertThat(byName(topics.describeDefaults()).get(LogConfigDefs.RETENTION_MS).value()).isEqualTo("604800000");
        assertThatThrownBy(() -> topics.describeConfigs("nope")).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    private static Map<String, LogConfig.Entry> byName(List<LogConfig.Entry> entries) {
        return entries.stream().collect(java.util.stream.Collectors.toMap(LogConfig.Entry::name, e -> e));
    }

    @Test
    void incrementalAlterSetsDeletesAppendsAndSubtracts() throws Exception {
        create("t", 2, Map.of(LogConfigDefs.RETENTION_MS, "1000"));
        topics.incrementalAlterConfigs("t", List.of(ConfigChange.set(LogConfigDefs.RETENTION_BYTES, "5000"),
                ConfigChange.delete(LogConfigDefs.RETENTION_MS),
                new ConfigChange(LogConfigDefs.CLEANUP_POLICY, ConfigChange.Op.APPEND, "compact")), false).get(10, TimeUnit.SECONDS);
        LogConfig c = fx.manager.getLog("t", 1).config();
        assertThat(c.retentionBytes()).isEqualTo(5000);
        assertThat(c.retentionMs()).isEqualTo(604_800_000L);
        assertThat(c.compact()).isTrue();
        assertThat(c.delete()).isTrue();
        topics.incrementalAlterConfigs("t", List.of(new ConfigChange(LogConfigDefs.CLEANUP_POLICY, ConfigChange.Op.SUBTRACT, "delete")),
                false).get(10, TimeUnit.SECONDS);
        assertThat(fx.manager.getLog("t", 0).config().delete()).isFalse();
        assertThatThrownBy(() -> topics.incrementalAlterConfigs("t",
                List.of(new ConfigChange(LogConfigDefs.RETENTION_MS, ConfigChange.Op.APPEND, "1")), false))
                .isInstanceOf(InvalidConfigException.class);
        topics.incrementalAlterConfigs("t", List.of(ConfigChange.set(LogConfigDefs.RETENTION_BYTES, "1")), true).get();
        assertThat(fx.manager.getLog("t", 0).config().retentionBytes()).isEqualTo(5000);
        topics.alterConfigs("t", Map.of(LogConfigDefs.SEGMENT_MS, "60000"), false).get(10, TimeUnit.SECONDS);
        assertThat(topics.require("t").config().overrides()).containsOnly(Map.entry(LogConfigDefs.SEGMENT_MS, "60000"));
    }

    @Test
    void partitionsCanOnlyGrow() throws Exception {
        create("t", 1, Map.of());
        topics.createPartitions("t", 4).get(10, TimeUnit.SECONDS);
        assertThat(fx.manager.getLog("t", 3).logEndOffset()).isZero();
        assertThatThrownBy(() -> topics.createPartitions("t", 4)).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> topics.createPartitions("t", 2)).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> topics.createPartitions("none", 2)).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void deletedTopicsStopAtOnceAndTheirFilesGo() throws Exception {
        create("gone", 2, Map.of());
        PartitionLog log = fx.manager.getLog("gone", 0);
        log.appendAsLeader(Batches.values(1L, "x"), 0).durable().join();
        topics.deleteTopic("gone").get(10, TimeUnit.SECONDS);
        assertThat(topics.topic("gone")).isEmpty();
        assertThatThrownBy(() -> fx.manager.getLog("gone", 0)).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.values(1L, "y"), 0)).isInstanceOf(LogClosedException.class);
        assertThat(fx.store.list(TopicRegistry.METADATA_KIND)).doesNotContainKey("gone");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Stream<Path> s = Files.list(fx.logsDir)) {
                return s.noneMatch(p -> p.getFileName().toString().startsWith("gone-"));
            }
        });
        create("gone", 1, Map.of());
        assertThat(fx.manager.getLog("gone", 0).logEndOffset()).isZero();
        assertThatThrownBy(() -> topics.deleteTopic("never")).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void topicsConfigsAndDataSurviveARestart() throws Exception {
        TopicDescription t = create("kept", 2, Map.of(LogConfigDefs.RETENTION_MS, "99999"));
        fx.manager.getLog("kept", 1).appendAsLeader(Batches.values(1L, "a", "b"), 0).durable().join();
        Files.createDirectories(fx.logsDir.resolve("orphan-0"));
        fx.reopen();
        TopicRegistry again = fx.manager.topics();
        assertThat(again.require("kept").topicId()).isEqualTo(t.topicId());
        assertThat(again.require("kept").config().retentionMs()).isEqualTo(99999);
        assertThat(fx.manager.getLog("kept", 1).logEndOffset()).isEqualTo(2);
        try (Stream<Path> s = Files.list(fx.logsDir)) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("orphan-0.") && n.endsWith("-stray"));
        }
    }
}
