package io.tributary.kafka.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.kafka.group.offsets.OffsetCommitParams;
import io.tributary.kafka.group.offsets.OffsetFetchParams;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The coordinator's routing and lifecycle: unavailable before the topic exists, loading, then serving. */
class GroupCoordinatorTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<MemoryCoordinatorLog> logs = new ArrayList<>();
    private final CompletableFuture<Integer> created = new CompletableFuture<>();
    private final CompletableFuture<Void> durable = new CompletableFuture<>();

    private final OffsetsTopic topic = new OffsetsTopic() {
        @Override
        public CompletableFuture<Integer> ensureCreated(int partitions, int segmentBytes) {
            return created;
        }

        @Override
        public CoordinatorLog log(int partition) {
            MemoryCoordinatorLog log = new MemoryCoordinatorLog(partition) {
                @Override
                public CompletableFuture<Void> awaitDurable() {
                    return durable;
                }
            };
            logs.add(log);
            return log;
        }
    };

    private final GroupCoordinator coordinator = new GroupCoordinator(GroupConfig.defaults(), topic, new MemoryTopics(), s -> null, scheduler,
            p -> scheduler);

    private static GroupError errorOf(CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return ((GroupException) e.getCause()).error();
        }
    }

    private CompletableFuture<Map<TopicPartition, GroupError>> commit() {
        CompletableFuture<Map<TopicPartition, GroupError>> f = coordinator.commitOffsets(new OffsetCommitParams("g", -1, "", null, -1,
                Map.of(new TopicPartition("t", 0), new OffsetCommitParams.Commit(7, -1, "")), (short) 9));
        scheduler.runAll();
        return f;
    }

    @Test
    void groupsAreUnavailableUntilLoadedThenServed() {
        coordinator.start();
        assertThat(coordinator.isAvailable()).isFalse();
        assertThat(errorOf(commit())).isEqualTo(GroupError.COORDINATOR_NOT_AVAILABLE);

        created.complete(4);
        scheduler.runAll();
        assertThat(coordinator.isAvailable()).isTrue();
        assertThat(logs).hasSize(4);
        assertThat(errorOf(commit())).isEqualTo(GroupError.COORDINATOR_LOAD_IN_PROGRESS);

        durable.complete(null);
        scheduler.runAll();
        assertThat(commit().join()).containsEntry(new TopicPartition("t", 0), GroupError.NONE);
        CompletableFuture<io.tributary.kafka.group.offsets.OffsetFetchResult> fetched = coordinator.fetchOffsets(
                new OffsetFetchParams("g", null, -1, null, false));
        scheduler.runAll();
        assertThat(fetched.join().partitions()).singleElement().satisfies(p -> assertThat(p.offset()).isEqualTo(7));
        assertThat(logs.get(GroupCoordinator.partitionFor("g", 4)).records()).hasSize(1);

        coordinator.close();
        scheduler.runAll();
        assertThat(errorOf(commit())).isEqualTo(GroupError.COORDINATOR_NOT_AVAILABLE);
    }

    @Test
    void aGroupLivesInThePartitionKafkaWouldPutItIn() {
        assertThat(GroupCoordinator.partitionFor("my-group", 50)).isEqualTo(Math.abs("my-group".hashCode()) % 50);
        assertThat(GroupCoordinator.partitionFor("polygenelubricants", 50)).as("Integer.MIN_VALUE hash").isZero();
    }
}
