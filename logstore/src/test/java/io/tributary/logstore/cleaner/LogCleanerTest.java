package io.tributary.logstore.cleaner;

import static io.tributary.logstore.LogConfigDefs.CLEANUP_POLICY;
import static io.tributary.logstore.LogConfigDefs.DELETE_RETENTION_MS;
import static io.tributary.logstore.LogConfigDefs.MAX_COMPACTION_LAG_MS;
import static io.tributary.logstore.LogConfigDefs.MIN_CLEANABLE_DIRTY_RATIO;
import static io.tributary.logstore.LogConfigDefs.MIN_COMPACTION_LAG_MS;
import static io.tributary.logstore.LogConfigDefs.SEGMENT_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Batches.Rec;
import io.tributary.logstore.testing.Crash;
import io.tributary.logstore.testing.LogFixture;
import io.tributary.logstore.testing.LogReads;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction through the log manager on a mock clock: the cleaner runs when a test asks (cleanNow) or the clock passes its backoff. */
class LogCleanerTest {
    static final long HOUR = 3_600_000L;
    static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;
    LogFixture fx;

    @BeforeEach
    void open() {
        fx = LogFixture.mocked(dir, BrokerConfig.builder().set(LogSettings.SEGMENT_DELETE_DELAY_MS, 1000L)
                .set(LogSettings.RETENTION_CHECK_INTERVAL_MS, 24 * HOUR).set(LogSettings.CLEANER_BACKOFF_MS, 24 * HOUR).build());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static Map<String, String> compacted(String... more) {
        Map<String, String> m = new HashMap<>(Map.of(CLEANUP_POLICY, "compact", SEGMENT_BYTES, "1024", MIN_CLEANABLE_DIRTY_RATIO, "0.01"));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    LogCleaner cleaner() {
        return fx.manager.cleaner().orElseThrow();
    }

    void append(PartitionLog log, ByteBuffer batch) {
        log.appendAsLeader(batch, 0).durable().join();
    }

    /** {@code rounds} rounds of one batch per key k0..k(keys-1), value "k<i>-<round>". */
    void writeRounds(PartitionLog log, int keys, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < keys; k++) {
                append(log, Batches.keyed(fx.time.milliseconds(), "k" + k, "k" + k + "-" + r));
            }
        }
    }

    /** The latest value per key among {@code recs}, in key order of first appearance. */
    static Map<String, Rec> latest(List<Rec> recs) {
        Map<String, Rec> out = new LinkedHashMap<>();
        for (Rec r : recs) {
            out.put(r.key(), r);
        }
        return out;
    }

    @Test
    void keepsTheLatestRecordPerKeyWithItsOffsetAndLeavesTheActiveSegmentAlone() throws Exception {
        PartitionLog log = fx.createTopic("t", 1, compacted());
        writeRounds(log, 5, 20);
        List<Rec> before = LogReads.readAll(log);
        Path active = Crash.segmentFiles(log.dir()).get(log.numberOfSegments() - 1);
        byte[] activeBytes = Files.readAllBytes(active);
        long bytes = log.sizeInBytes();

        assertThat(cleaner().cleanNow()).isEqualTo(1);

        long cleanedUpTo = cleaner().cleanedUpTo(TP);
        assertThat(cleanedUpTo).isEqualTo(Crash.baseOffsetOf(active));
        assertThat(Files.readAllBytes(active)).isEqualTo(activeBytes);
        List<Rec> after = LogReads.readAll(log);
        List<Rec> cleanedPart = after.stream().filter(r -> r.offset() < cleanedUpTo).toList();
        assertThat(cleanedPart).containsExactlyElementsOf(latest(before.stream().filter(r -> r.offset() < cleanedUpTo).toList())
                .values().stream().sorted((a, b) -> Long.compare(a.offset(), b.offset())).toList());
        assertThat(after.stream().filter(r -> r.offset() >= cleanedUpTo).toList())
                .containsExactlyElementsOf(before.stream().filter(r -> r.offset() >= cleanedUpTo).toList());
        assertThat(latest(after)).isEqualTo(latest(before));
        assertThat(log.sizeInBytes()).isLessThan(bytes);
        assertThat(log.logEndOffset()).isEqualTo(100);
        assertThat(log.appendAsLeader(Batches.keyed(fx.time.milliseconds(), "k0", "new"), 0).firstOffset()).isEqualTo(100);
    }

    @Test
    void aSecondCleaningOnlyMapsWhatWasAppendedSinceAndStillSupersedesOlderRecords() {
        PartitionLog log = fx.createTopic("t", 1, compacted());
        writeRounds(log, 5, 10);
        cleaner().cleanNow();
        long first = cleaner().cleanedUpTo(TP);
        append(log, Batches.keyed(fx.time.milliseconds(), "k1", "late"));
        writeRounds(log, 2, 10); // k0 and k1 only: their older records in the cleaned part must go
        cleaner().cleanNow();
        assertThat(cleaner().cleanedUpTo(TP)).isGreaterThan(first);
        List<Rec> cleaned = LogReads.readAll(log).stream().filter(r -> r.offset() < cleaner().cleanedUpTo(TP)).toList();
        assertThat(cleaned.stream().map(Rec::key).distinct().count()).isEqualTo(cleaned.size());
    }

    @Test
    void tombstonesStayForDeleteRetentionMsThenGo() {
        PartitionLog log = fx.createTopic("t", 1, compacted(DELETE_RETENTION_MS, Long.toString(HOUR)));
        append(log, Batches.keyed(fx.time.milliseconds(), "gone", "v1"));
        append(log, Batches.keyed(fx.time.milliseconds(), "gone", null));
        writeRounds(log, 3, 10);
        cleaner().cleanNow();
        assertThat(LogReads.readAll(log)).filteredOn(r -> "gone".equals(r.key())).extracting(Rec::value).containsExactly((String) null);

        fx.time.sleep(HOUR - 1);
        assertThat(cleaner().cleanNow()).isZero();
        assertThat(LogReads.readAll(log)).filteredOn(r -> "gone".equals(r.key())).hasSize(1);

        fx.time.sleep(1); // the delete horizon passes; nothing new was appended, the cleaner still comes back for it
        assertThat(cleaner().cleanNow()).isEqualTo(1);
        assertThat(LogReads.readAll(log)).filteredOn(r -> "gone".equals(r.key())).isEmpty();
        assertThat(LogReads.readAll(log)).extracting(Rec::key).contains("k0", "k1", "k2");
    }

    @Test
    void minCompactionLagKeepsYoungSegmentsDirty() {
        PartitionLog log = fx.createTopic("t", 1, compacted(MIN_COMPACTION_LAG_MS, Long.toString(HOUR)));
        writeRounds(log, 5, 10);
        assertThat(cleaner().cleanNow()).isZero();
        fx.time.sleep(HOUR + 1);
        assertThat(cleaner().cleanNow()).isEqualTo(1);
        assertThat(cleaner().cleanedUpTo(TP)).isPositive();
    }

    @Test
    void aDirtyRatioBelowTheMinimumWaitsUnlessMaxCompactionLagIsPassed() {
        PartitionLog log = fx.createTopic("t", 1, compacted(MIN_CLEANABLE_DIRTY_RATIO, "0.99", MAX_COMPACTION_LAG_MS, Long.toString(HOUR)));
        writeRounds(log, 5, 10);
        cleaner().cleanNow(); // everything dirty: ratio 1
        writeRounds(log, 5, 4); // a little new dirt over a large clean part
        long before = cleaner().cleanedUpTo(TP);
        assertThat(cleaner().cleanNow()).isZero();
        fx.time.sleep(HOUR + 1);
        append(log, Batches.keyed(fx.time.milliseconds(), "k0", "rolls-the-segment"));
        assertThat(cleaner().cleanNow()).isEqualTo(1);
        assertThat(cleaner().cleanedUpTo(TP)).isGreaterThan(before);
    }

    @Test
    void aCompactedLogRollsItsActiveSegmentOnceMaxCompactionLagPasses() {
        PartitionLog log = fx.createTopic("t", 1, compacted(MAX_COMPACTION_LAG_MS, Long.toString(HOUR), SEGMENT_BYTES, "1000000"));
        append(log, Batches.keyed(fx.time.milliseconds(), "a", "1"));
        append(log, Batches.keyed(fx.time.milliseconds(), "a", "2"));
        fx.time.sleep(HOUR + 1);
        append(log, Batches.keyed(fx.time.milliseconds(), "a", "3"));
        assertThat(log.numberOfSegments()).isEqualTo(2);
        cleaner().cleanNow();
        assertThat(LogReads.readAll(log)).extracting(Rec::value).containsExactly("2", "3");
    }

    @Test
    void theCheckpointLetsARestartedCleanerResumeWhereItStopped() throws Exception {
        PartitionLog log = fx.createTopic("t", 1, compacted());
        writeRounds(log, 5, 10);
        cleaner().cleanNow();
        long cleaned = cleaner().cleanedUpTo(TP);
        assertThat(Files.readAllLines(fx.logsDir.resolve("cleaner-offset-checkpoint"))).contains("t 0 " + cleaned);
        fx.reopen();
        assertThat(cleaner().cleanedUpTo(TP)).isEqualTo(cleaned);
        assertThat(cleaner().cleanNow()).isZero();
    }

    @Test
    void truncationBelowTheCheckpointMakesTheRestDirtyAgain() {
        PartitionLog log = fx.createTopic("t", 1, compacted());
        writeRounds(log, 5, 10);
        cleaner().cleanNow();
        long cleaned = cleaner().cleanedUpTo(TP);
        log.truncateTo(cleaned - 3);
        assertThat(cleaner().cleanedUpTo(TP)).isLessThanOrEqualTo(cleaned - 3);
        writeRounds(log, 5, 10);
        cleaner().cleanNow();
        List<Rec> part = LogReads.readAll(log).stream().filter(r -> r.offset() < cleaner().cleanedUpTo(TP)).toList();
        assertThat(part.stream().map(Rec::key).distinct().count()).isEqualTo(part.size());
    }

    @Test
    void compactDeleteLogsAreCompactedAndDeletedByRetention() {
        PartitionLog log = fx.createTopic("t", 1, compacted(CLEANUP_POLICY, "compact,delete", "retention.ms", Long.toString(HOUR)));
        writeRounds(log, 5, 10);
        assertThat(cleaner().cleanNow()).isEqualTo(1);
        fx.time.sleep(2 * HOUR);
        long cleaned = cleaner().cleanedUpTo(TP);
        writeRounds(log, 1, 1);
        assertThat(fx.manager.applyRetention()).isPositive();
        assertThat(log.logStartOffset()).isGreaterThanOrEqualTo(cleaned);
        assertThat(LogReads.readAll(log)).extracting(Rec::offset).allMatch(o -> o >= cleaned);
    }

    @Test
    void laterCleaningsMergeSegmentsThatCompactionShrank() {
        PartitionLog log = fx.createTopic("t", 1, compacted());
        writeRounds(log, 3, 30);
        cleaner().cleanNow();
        int afterFirst = log.numberOfSegments();
        writeRounds(log, 3, 1);
        append(log, Batches.keyed(fx.time.milliseconds(), "big", "x".repeat(900))); // rolls the segment
        cleaner().cleanNow();
        assertThat(log.numberOfSegments()).isLessThan(afterFirst);
        assertThat(latest(LogReads.readAll(log)).keySet()).contains("k0", "k1", "k2");
    }

    @Test
    void deleteLogsAreNotCompacted() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(SEGMENT_BYTES, "1024"));
        writeRounds(log, 5, 10);
        assertThat(cleaner().cleanNow()).isZero();
        assertThat(LogReads.readAll(log)).hasSize(50);
    }

    @Test
    void aDisabledCleanerIsAbsent() {
        fx.close();
        fx = LogFixture.mocked(dir.resolve("off"), BrokerConfig.builder().set(LogSettings.CLEANER_ENABLE, false).build());
        assertThat(fx.manager.cleaner()).isEmpty();
    }

    @Test
    void theWorkersCleanOnTheirOwnWhenTheClockPassesTheBackoff() {
        PartitionLog log = fx.createTopic("t", 1, compacted());
        writeRounds(log, 5, 10);
        assertThat(cleaner().cleanedUpTo(TP)).isEqualTo(-1);
        fx.time.sleep(24 * HOUR);
        assertThat(cleaner().cleanedUpTo(TP)).isPositive();
        assertThat(LogReads.readAll(log).size()).isLessThan(50);
    }
}
