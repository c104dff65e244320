package io.tributary.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.BrokerConfig;
import io.tributary.config.NodeSettings;
import io.tributary.server.metadata.CompareAndPutContract;
import io.tributary.server.metadata.ListenerContract;
import io.tributary.server.metadata.LocalMetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-node Raft store keeps the contract of the single-node store (LocalMetadataStoreTest's cases). */
class SingleNodeRaftStoreTest {
    @TempDir
    Path dir;

    private RaftMetadataStore open() {
        return RaftMetadataStore.open(BrokerConfig.builder().set(NodeSettings.DATA_DIR, dir).build(), dir.resolve("meta"));
    }

    /** Snapshots every 100 entries, so the log is purged and reopening restores from a snapshot. */
    private RaftMetadataStore openSnapshottingOften() {
        return RaftMetadataStore.open(new RaftOptions(0, List.of(), "127.0.0.1", 0, dir.resolve("meta").resolve("raft"), dir.resolve("meta"),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(1000), 100, 64 * 1024, false));
    }

    @Test
    void putsAndDeletesSurviveReopening() {
        try (RaftMetadataStore s = open()) {
            s.put("topic", "orders", "{\"partitions\":3}").join();
            s.put("topic", "audit", "{\"partitions\":1}").join();
            s.put("queue", "/|jobs", "{\"durable\":true}").join();
            s.put("topic", "orders", "{\"partitions\":6}").join();
            s.delete("topic", "audit").join();
            s.delete("topic", "never-existed").join();
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"partitions\":6}"));
        }
        try (RaftMetadataStore s = open()) {
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"partitions\":6}"));
            assertThat(s.list("queue")).containsOnlyKeys("/|jobs");
            assertThat(s.list("nothing")).isEmpty();
            assertThat(s.status().self().role()).isEqualTo("leader");
            assertThat(s.status().members()).hasSize(1);
        }
    }

    @Test
    void listenersHearEachChangeOnceInOrder() {
        try (RaftMetadataStore s = open()) {
            ListenerContract.check(s);
        }
        try (RaftMetadataStore s = open()) {
            assertThat(s.putIfAbsent("topic", "orders", "{}").join()).isFalse();
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"p\":59}"));
        }
    }

    @Test
    void compareAndPutKeepsTheContractAndSurvivesSnapshotsAndLogReplay() throws IOException {
        try (RaftMetadataStore s = open()) {
            CompareAndPutContract.check(s);
        }
        String last;
        try (RaftMetadataStore s = open()) {
            // The stop took a snapshot: this state was restored from it.
            assertThat(s.status().self().snapshotIndex()).isPositive();
            last = CompareAndPutContract.checkAfterRestart(s);
        }
        // Without its snapshots the store replays every entry of its Raft log, refused comparisons too.
        try (Stream<Path> files = Files.walk(dir.resolve("meta").resolve("raft"))) {
            List<Path> snapshots = files.filter(f -> f.getParent().getFileName().toString().equals("sm")).toList();
            assertThat(snapshots).isNotEmpty();
            for (Path f : snapshots) {
                Files.delete(f);
            }
        }
        try (RaftMetadataStore s = open()) {
            assertThat(s.get(CompareAndPutContract.KIND, CompareAndPutContract.KEY)).isEqualTo(last);
            assertThat(s.list("other")).containsOnlyKeys(CompareAndPutContract.KEY);
        }
    }

    @Test
    void pipelinedWritesApplyInOrderAndSurviveSnapshotsAndReopening() {
        try (RaftMetadataStore s = openSnapshottingOften()) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                writes.add(s.put("k", Integer.toString(i % 10), "v" + i));
            }
            writes.add(s.delete("k", "0"));
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            assertThat(s.list("k")).hasSize(9).containsEntry("9", "v999").doesNotContainKey("0");
            assertThat(s.status().self().snapshotIndex()).isGreaterThan(500);
        }
        try (RaftMetadataStore s = openSnapshottingOften()) {
            assertThat(s.list("k")).hasSize(9).containsEntry("9", "v999").containsEntry("1", "v991");
        }
    }

    @Test
    void theSingleNodeMetadataIsMergedOnceWithoutOverwriting() throws Exception {
        Path meta = dir.resolve("meta");
        try (LocalMetadataStore local = LocalMetadataStore.open(meta)) {
            local.put("topic", "orders", "{\"partitions\":3}").join();
            local.put("security.user", "guest", "{}").join();
        }
        try (RaftMetadataStore s = open()) {
            assertThat(s.list("topic")).containsOnlyKeys("orders");
            assertThat(s.list("security.user")).containsOnlyKeys("guest");
            s.put("topic", "orders", "{\"partitions\":6}").join();
        }
        assertThat(Files.exists(meta.resolve("metadata.log"))).isFalse();
        assertThat(Files.exists(meta.resolve("metadata.log.migrated"))).isTrue();
        // A metadata.log put back (a crash before the rename, or an operator) changes nothing the group holds.
        Files.move(meta.resolve("metadata.log.migrated"), meta.resolve("metadata.log"));
        try (RaftMetadataStore s = open()) {
            assertThat(s.list("topic")).containsExactly(Map.entry("orders", "{\"partitions\":6}"));
        }
    }
}
