package io.tributary.kafka.handler.group;

import io.tributary.config.KafkaSettings;
import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.group.ExecutorShardScheduler;
import io.tributary.kafka.group.GroupConfig;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.LogTopicCatalog;
import io.tributary.kafka.group.OffsetsTopic;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.time.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The group coordinator wired to the broker: its threads ({@code group.coordinator.threads}),
 * {@code __consumer_offsets} in the log store, the broker's topics, and kafka-clients' reading of
 * consumer subscriptions. {@link #start()} creates the topic if needed and loads it in the background.
 */
public final class GroupCoordinatorService implements AutoCloseable {
    private final GroupCoordinator coordinator;
    private final List<ExecutorShardScheduler> threads = new ArrayList<>();

    public GroupCoordinatorService(KafkaContext kafka) {
        GroupConfig config = GroupConfig.from(kafka.config());
        for (int i = 0; i < config.threads(); i++) {
            threads.add(new ExecutorShardScheduler("kafka-group-coordinator-" + i));
        }
        Leadership leadership = kafka.leadership();
        this.coordinator = new GroupCoordinator(config, new LogOffsetsTopic(kafka.logs(), leadership,
                kafka.config().get(KafkaSettings.OFFSETS_TOPIC_REPLICATION_FACTOR)), new LogTopicCatalog(kafka.logs().topics()),
                new ConsumerSubscriptionParser(), Time.SYSTEM, p -> threads.get(p % threads.size()), leadership.movesLeadership());
        leadership.follow(OffsetsTopic.NAME, new Leadership.LeadershipListener() {
            @Override
            public void elected(int partition, int leaderEpoch) {
                coordinator.elect(partition);
            }

            @Override
            public void resigned(int partition) {
                coordinator.resign(partition);
            }
        });
    }

    public GroupCoordinator coordinator() {
        return coordinator;
    }

    /** Starts loading; requests are answered COORDINATOR_LOAD_IN_PROGRESS meanwhile. Completes once every partition is loaded. */
    public CompletableFuture<Void> start() {
        return coordinator.start();
    }

    /** Answers waiting group requests and stops the coordinator's threads. */
    @Override
    public void close() {
        coordinator.close();
        threads.forEach(ExecutorShardScheduler::shutdown);
    }
}
