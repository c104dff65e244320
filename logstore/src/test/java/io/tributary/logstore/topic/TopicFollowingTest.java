package io.tributary.logstore.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.BrokerConfig;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.TopicExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two log managers over one metadata store, as two nodes of a cluster over the Raft store: each
 * follows the topics the other creates, grows, reconfigures and deletes, with the same ids, and
 * creating one name on both at once has exactly one winner.
 */
class TopicFollowingTest {
    private static final Duration AWAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final MetadataStore store = new InMemoryMetadataStore();
    private LogManager a;
    private LogManager b;

    @BeforeEach
    void open() {
        a = LogManager.builder(dir.resolve("a"), store).brokerConfig(BrokerConfig.defaults()).build();
        b = LogManager.builder(dir.resolve("b"), store).brokerConfig(BrokerConfig.defaults()).build();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        store.close();
    }

    @Test
    void topicsMadeOnOneNodeAppearGrowChangeAndGoOnTheOther() throws Exception {
        TopicDescription t = a.topics().createTopic("orders", 2, Map.of()).get(10, TimeUnit.SECONDS);
        await().atMost(AWAIT).untilAsserted(() -> {
            assertThat(b.topics().topic("orders")).hasValueSatisfying(d -> assertThat(d.topicId()).isEqualTo(t.topicId()));
            assertThat(b.log(new io.tributary.logstore.TopicPartition("orders", 1))).isPresent();
        });
        assertThat(b.getLog("orders", 0).topicId()).isEqualTo(t.topicId());
        assertThat(Files.isDirectory(b.logsDir().resolve("orders-1"))).isTrue();

        b.topics().createPartitions("orders", 4).get(10, TimeUnit.SECONDS);
        b.topics().alterConfigs("orders", Map.of(LogConfigDefs.RETENTION_MS, "60000"), false).get(10, TimeUnit.SECONDS);
        await().atMost(AWAIT).untilAsserted(() -> {
            TopicDescription seen = a.topics().require("orders");
            assertThat(seen.partitions()).isEqualTo(4);
            assertThat(seen.config().overrides()).containsEntry(LogConfigDefs.RETENTION_MS, "60000");
            assertThat(a.log(new io.tributary.logstore.TopicPartition("orders", 3))).isPresent();
        });
        assertThat(a.getLog("orders", 3).config().overrides()).containsEntry(LogConfigDefs.RETENTION_MS, "60000");

        a.topics().deleteTopic("orders").get(10, TimeUnit.SECONDS);
        await().atMost(AWAIT).untilAsserted(() -> {
            assertThat(b.topics().topic("orders")).isEmpty();
            assertThat(b.log(new io.tributary.logstore.TopicPartition("orders", 0))).isEmpty();
        });
    }

    @Test
    void ofTwoNodesCreatingOneNameExactlyOneWinsAndBothKeepItsId() throws Exception {
        for (int round = 0; round < 20; round++) {
            String name = "race-" + round;
            CompletableFuture<TopicDescription> onA = create(a, name);
            CompletableFuture<TopicDescription> onB = create(b, name);
            List<TopicDescription> won = new ArrayList<>();
            for (CompletableFuture<TopicDescription> f : List.of(onA, onB)) {
                try {
                    won.add(f.join());
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
                }
            }
            assertThat(won).hasSize(1);
            await().atMost(AWAIT).untilAsserted(() -> {
                assertThat(a.topics().require(name).topicId()).isEqualTo(won.get(0).topicId());
                assertThat(b.topics().require(name).topicId()).isEqualTo(won.get(0).topicId());
                assertThat(b.getLog(name, 0).topicId()).isEqualTo(won.get(0).topicId());
                assertThat(a.getLog(name, 0).topicId()).isEqualTo(won.get(0).topicId());
            });
        }
    }

    /** A create that may be refused at once (the other node's topic is already known here) or later (the store's put-if-absent lost). */
    private static CompletableFuture<TopicDescription> create(LogManager node, String name) {
        try {
            return node.topics().createTopic(name, 1, Map.of());
        } catch (TopicExistsException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Test
    void ensureTopicOnNodesStartingTogetherGivesEveryoneTheFirstOne() throws Exception {
        NewTopic internal = new NewTopic("__consumer_offsets", 3, Map.of(LogConfigDefs.CLEANUP_POLICY, LogConfigDefs.POLICY_COMPACT));
        CompletableFuture<TopicDescription> onA = a.topics().ensureTopic(internal);
        CompletableFuture<TopicDescription> onB = b.topics().ensureTopic(internal);
        TopicDescription fromA = onA.get(10, TimeUnit.SECONDS);
        TopicDescription fromB = onB.get(10, TimeUnit.SECONDS);
        assertThat(fromA.topicId()).isEqualTo(fromB.topicId());
        for (int p = 0; p < 3; p++) {
            assertThat(a.getLog("__consumer_offsets", p).topicId()).isEqualTo(fromA.topicId());
            assertThat(b.getLog("__consumer_offsets", p).topicId()).isEqualTo(fromA.topicId());
        }
        assertThat(store.get(TopicRegistry.METADATA_KIND, "__consumer_offsets")).contains(fromA.topicId().toString());
    }
}
