package io.tributary.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.BrokerConfig;
import io.tributary.config.ClusterSettings;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that lost touch with the metadata quorum for longer than {@code broker.session.timeout.ms}
 * (the time after which the controller moves its partitions) stops leading from its stale states,
 * and leads again once back in touch.
 */
class QuorumFencingTest {
    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static final TopicPartition LED = new TopicPartition("led", 0);

    @TempDir
    Path dir;
    private final MetadataStore store = new InMemoryMetadataStore();
    private final AtomicLong quorumSilence = new AtomicLong();
    private LogManager logs;
    private ClusterLeadership leadership;

    @BeforeEach
    void start() throws Exception {
        logs = LogManager.builder(dir, store).brokerConfig(BrokerConfig.defaults()).build();
        new PartitionStates(store).create(LED, new PartitionState(List.of(0), 0, 3, List.of(0), 0)).get(10, TimeUnit.SECONDS);
        logs.topics().createTopic("led", 1, Map.of()).get(10, TimeUnit.SECONDS);
        logs.topics().createTopic("unreplicated", 1, Map.of()).get(10, TimeUnit.SECONDS);
        leadership = new ClusterLeadership(0, List.of(0, 1, 2), BrokerConfig.defaults(), store, logs, new FakeClusterView(false, -1, quorumSilence::get));
        leadership.start(tp -> { });
    }

    @AfterEach
    void stop() {
        leadership.close();
        logs.close();
        store.close();
    }

    @Test
    void aNodeOutOfTouchWithTheQuorumLeadsNothingUntilItIsBack() {
        await().atMost(AWAIT).until(() -> leadership.isLeader(LED));
        assertThat(leadership.partition(LED).leaderEpoch()).isEqualTo(3);

        quorumSilence.set(ClusterSettings.BROKER_SESSION_TIMEOUT_MS.defaultValue() + 1);
        await().atMost(AWAIT).until(() -> !leadership.isLeader(LED));
        // what has no replicated state is this node's own, whatever the quorum does
        assertThat(leadership.isLeader(new TopicPartition("unreplicated", 0))).isTrue();

        quorumSilence.set(50);
        await().atMost(AWAIT).until(() -> leadership.isLeader(LED));
    }
}
