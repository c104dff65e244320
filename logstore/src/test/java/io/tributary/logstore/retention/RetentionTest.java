package io.tributary.logstore.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.OffsetOutOfRangeException;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.LogFixture;
import io.tributary.logstore.testing.LogReads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention and time-based roll on a mock clock: deterministic, no waiting for real time. */
class RetentionTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;
    LogFixture fx;

    @BeforeEach
    void open() {
        // retention runs only when a test asks for it, or when the clock passes a day
        fx = LogFixture.mocked(dir, BrokerConfig.builder().set(LogSettings.SEGMENT_DELETE_DELAY_MS, 1000L)
                .set(LogSettings.RETENTION_CHECK_INTERVAL_MS, 24 * HOUR).build());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private void appendDurably(PartitionLog log, int batches, String prefix) {
        for (int i = 0; i < batches; i++) {
            log.appendAsLeader(Batches.values(fx.time.milliseconds(), prefix + i), 0).durable().join();
        }
    }

    private long deletedFiles() throws Exception {
        try (Stream<Path> s = Files.list(fx.logsDir.resolve("t-0"))) {
            return s.filter(p -> p.toString().endsWith(".deleted")).count();
        }
    }

    @Test
    void segmentsOlderThanRetentionMsAreDeletedAndTheLogStartMoves() throws Exception {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.RETENTION_MS, Long.toString(HOUR), LogConfigDefs.SEGMENT_BYTES, "300"));
        appendDurably(log, 10, "old");
        fx.time.sleep(2 * HOUR);
        appendDurably(log, 3, "new");
        int segments = log.numberOfSegments();
        assertThat(fx.manager.applyRetention()).isPositive();
        assertThat(log.numberOfSegments()).isLessThan(segments);
        assertThat(log.logStartOffset()).isPositive().isLessThanOrEqualTo(10);
        assertThat(LogReads.readAll(log)).extracting(r -> r.value()).contains("new0", "new1", "new2").doesNotContain("old0");
        assertThatThrownBy(() -> log.read(0, 100, FetchIsolation.HIGH_WATERMARK, true)).isInstanceOf(OffsetOutOfRangeException.class);

        assertThat(deletedFiles()).isPositive();
        fx.time.sleep(1000);
        assertThat(deletedFiles()).isZero();
    }

    @Test
    void anExpiredActiveSegmentIsRolledAndDeletedAndAppendsContinueAtTheEnd() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.RETENTION_MS, Long.toString(HOUR)));
        appendDurably(log, 5, "v");
        fx.time.sleep(2 * HOUR);
        assertThat(log.deleteOldSegments()).isEqualTo(1);
        assertThat(log.logStartOffset()).isEqualTo(5);
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(log.numberOfSegments()).isEqualTo(1);
        assertThat(log.appendAsLeader(Batches.values(fx.time.milliseconds(), "after"), 0).firstOffset()).isEqualTo(5);
    }

    @Test
    void retentionBytesKeepsTheNewestSegmentsWithinTheLimit() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.RETENTION_BYTES, "1000", LogConfigDefs.SEGMENT_BYTES, "400"));
        appendDurably(log, 40, "v");
        assertThat(log.sizeInBytes()).isGreaterThan(1000);
        log.deleteOldSegments();
        assertThat(log.sizeInBytes()).isLessThanOrEqualTo(1000 + 400);
        assertThat(LogReads.readAll(log)).extracting(r -> r.value()).endsWith("v39");
    }

    @Test
    void compactOnlyTopicsAreNotDeletedByAge() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.RETENTION_MS, "1", LogConfigDefs.CLEANUP_POLICY, "compact",
                LogConfigDefs.SEGMENT_BYTES, "300"));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(Batches.keyed(fx.time.milliseconds(), "k" + i, "v"), 0).durable().join();
        }
        fx.time.sleep(HOUR);
        assertThat(log.deleteOldSegments()).isZero();
        assertThat(log.logStartOffset()).isZero();
    }

    @Test
    void segmentsRollWhenTheirFirstRecordIsOlderThanSegmentMs() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_MS, Long.toString(HOUR)));
        appendDurably(log, 3, "a");
        fx.time.sleep(HOUR / 2);
        appendDurably(log, 1, "b");
        assertThat(log.numberOfSegments()).isEqualTo(1);
        fx.time.sleep(HOUR);
        appendDurably(log, 1, "c");
        assertThat(log.numberOfSegments()).isEqualTo(2);
    }

    @Test
    void retentionRunsOnItsSchedule() {
        PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.RETENTION_MS, Long.toString(HOUR)));
        appendDurably(log, 2, "v");
        fx.time.sleep(2 * HOUR);
        fx.time.sleep(fx.config.get(LogSettings.RETENTION_CHECK_INTERVAL_MS));
        await().atMost(Duration.ofSeconds(5)).until(() -> log.logStartOffset() == 2);
    }
}
