package io.tributary.logstore.cleaner;

import static io.tributary.logstore.cleaner.LogCleanerTest.compacted;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.segment.SegmentSwap;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Batches.Rec;
import io.tributary.logstore.testing.Crash;
import io.tributary.logstore.testing.LogReads;
import io.tributary.logstore.testing.MockScheduler;
import io.tributary.logstore.testing.MockTime;
import io.tributary.logstore.topic.NewTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash at every step of a compaction swap: the directory is copied at that moment (what
 * {@code kill -9} leaves: every write in the page cache, no clean-shutdown marker), then opened.
 * Recovery must serve the log as it was before the swap or as it is after it, never a mix, and
 * lose nothing compaction would keep.
 */
class SwapCrashTest {
    /** Where the crash happens, with the file states a crash between two renames of a step leaves. */
    enum CrashPoint {
        WHILE_WRITING(SegmentSwap.Step.WRITTEN, false),
        WRITTEN(SegmentSwap.Step.WRITTEN, false),
        COMMITTING(SegmentSwap.Step.COMMITTED, false),
        COMMITTED(SegmentSwap.Step.COMMITTED, true),
        OLD_RENAMED(SegmentSwap.Step.OLD_RENAMED, true),
        RENAMING_NEW(SegmentSwap.Step.OLD_RENAMED, true),
        COMPLETED(SegmentSwap.Step.COMPLETED, true);

        final SegmentSwap.Step step;
        final boolean swapped;

        CrashPoint(SegmentSwap.Step step, boolean swapped) {
            this.step = step;
            this.swapped = swapped;
        }
    }

    static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    LogManager open(Path logsDir, MetadataStore store, MockTime time, SegmentSwap.Listener listener) {
        BrokerConfig cfg = BrokerConfig.builder().set(LogSettings.CLEANER_BACKOFF_MS, 86_400_000L).build();
        return LogManager.builder(logsDir, store).brokerConfig(cfg).time(time).scheduler(new MockScheduler(time)).swapListener(listener)
                .build();
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void recoveryServesTheLogBeforeOrAfterTheSwapNeverAMix(CrashPoint point) throws Exception {
        MetadataStore store = new InMemoryMetadataStore();
        MockTime time = new MockTime();
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        boolean[] copied = {false};
        List<Rec> original;
        List<Rec> compactedRecs;
        try (LogManager m = open(live, store, time, step -> {
            if (step == point.step && !copied[0]) {
                copied[0] = true;
                copy(live, crashed, point);
            }
        })) {
            m.topics().createTopic(new NewTopic("t", 1, compacted())).get(10, TimeUnit.SECONDS);
            PartitionLog log = m.getLog("t", 0);
            for (int r = 0; r < 12; r++) {
                for (int k = 0; k < 4; k++) {
                    log.appendAsLeader(Batches.keyed(time.milliseconds(), "k" + k, "k" + k + "-" + r), 0).durable().join();
                }
            }
            original = LogReads.readAll(log);
            assertThat(m.cleaner().orElseThrow().cleanNow()).isEqualTo(1);
            compactedRecs = LogReads.readAll(log);
        }
        assertThat(copied[0]).isTrue();

        try (LogManager m = open(crashed, store, time, SegmentSwap.Listener.NONE)) {
            assertThat(m.hadCleanShutdown()).isFalse();
            PartitionLog log = m.getLog("t", 0);
            assertThat(leftovers(log.dir())).isEmpty();
            List<Rec> recovered = LogReads.readAll(log);
            assertThat(original).containsAll(recovered);
            assertThat(recovered).containsAll(compactedRecs);
            assertThat(LogCleanerTest.latest(recovered)).isEqualTo(LogCleanerTest.latest(original));
            List<Path> segments = Crash.segmentFiles(log.dir());
            long firstGroupEnd = Crash.baseOffsetOf(segments.get(1));
            if (point.swapped) {
                assertThat(recovered.stream().filter(r -> r.offset() < firstGroupEnd).toList())
                        .isEqualTo(compactedRecs.stream().filter(r -> r.offset() < firstGroupEnd).toList());
            } else {
                assertThat(recovered).isEqualTo(original);
            }
            // the recovered log takes appends and compacts to the same result as the live one did
            assertThat(log.appendAsLeader(Batches.keyed(time.milliseconds(), "k0", "after"), 0).firstOffset()).isEqualTo(48);
            m.cleaner().orElseThrow().cleanNow();
            List<Rec> again = LogReads.readAll(log);
            assertThat(again.subList(0, again.size() - 1)).containsAll(compactedRecs.stream()
                    .filter(r -> r.offset() >= m.cleaner().orElseThrow().cleanedUpTo(TP)).toList());
        }
    }

    private static void copy(Path live, Path crashed, CrashPoint point) {
        try {
            Crash.copyTree(live, crashed);
            Path partition = crashed.resolve("t-0");
            switch (point) {
                case WHILE_WRITING -> {
                    Path cleaned = only(partition, ".log.cleaned");
                    Crash.cut(cleaned, Files.size(cleaned) / 2);
                }
                case COMMITTING -> {
                    // the index .swap renames done, the .log.swap one not: the swap never committed
                    Path log = only(partition, ".log.swap");
                    Files.move(log, log.resolveSibling(log.getFileName().toString().replace(".swap", ".cleaned")));
                }
                case RENAMING_NEW -> {
                    Path index = only(partition, ".index.swap");
                    Files.move(index, index.resolveSibling(index.getFileName().toString().replace(".swap", "")));
                }
                default -> {
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path only(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".cleaned") || n.endsWith(".swap") || n.endsWith(".deleted");
            }).toList();
        }
    }

    static Map<String, String> config() {
        return new HashMap<>(compacted());
    }
}
