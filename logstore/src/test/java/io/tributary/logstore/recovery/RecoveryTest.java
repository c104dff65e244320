package io.tributary.logstore.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Batches.Rec;
import io.tributary.logstore.testing.Crash;
import io.tributary.logstore.testing.LogFixture;
import static io.tributary.logstore.testing.LogReads.readAll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up after a crash: torn tails are cut, the valid prefix is served, nothing durable is lost. */
class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aTornTailIsCutAndEverythingDurableSurvives() throws Exception {
        Path live = dir.resolve("live");
        try (LogFixture fx = LogFixture.real(live)) {
            PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "2000", LogConfigDefs.FLUSH_MESSAGES, "1000000"));
            for (int i = 0; i < 30; i++) {
                log.appendAsLeader(Batches.values(1L, "durable-" + i), 0);
            }
            log.requestFlush();
            org.awaitility.Awaitility.await().until(() -> log.recoveryPoint() == 30);
            for (int i = 0; i < 10; i++) {
                log.appendAsLeader(Batches.values(1L, "unflushed-" + i), 0);
            }
            // a read of the tail writes the segment's write buffer out: the unflushed batches are in the
            // page cache, where a power loss may tear them
            assertThat(log.read(30, Integer.MAX_VALUE, FetchIsolation.LOG_END, true).slice().sizeInBytes()).isPositive();
            Path crashed = dir.resolve("crashed");
            Crash.copyTree(live, crashed);
            List<Path> segments = Crash.segmentFiles(crashed.resolve("t-0"));
            Path last = segments.get(segments.size() - 1);
            Crash.cut(last, Files.size(last) - 7);

            LogManager recovered = LogManager.builder(crashed, fx.store).brokerConfig(BrokerConfig.defaults()).build();
            try {
                assertThat(recovered.hadCleanShutdown()).isFalse();
                PartitionLog again = recovered.getLog("t", 0);
                assertThat(again.logEndOffset()).isBetween(30L, 39L);
                List<Rec> recs = readAll(again);
                assertThat(recs).hasSize((int) again.logEndOffset());
                for (int i = 0; i < 30; i++) {
                    assertThat(recs.get(i).value()).isEqualTo("durable-" + i);
                }
                assertThat(again.appendAsLeader(Batches.values(1L, "after"), 0).firstOffset()).isEqualTo(again.logEndOffset() - 1);
            } finally {
                recovered.close();
            }
        }
    }

    @Test
    void appendsStillInTheWriteBufferAreLostByACrashButNothingDurable() throws Exception {
        Path live = dir.resolve("live");
        try (LogFixture fx = LogFixture.real(live)) {
            PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.FLUSH_MESSAGES, "1000000"));
            for (int i = 0; i < 20; i++) {
                log.appendAsLeader(Batches.values(1L, "durable-" + i), 0);
            }
            log.requestFlush();
            org.awaitility.Awaitility.await().until(() -> log.recoveryPoint() == 20);
            for (int i = 0; i < 5; i++) {
                log.appendAsLeader(Batches.values(1L, "buffered-" + i), 0);
            }
            Path crashed = dir.resolve("crashed");
            Crash.copyTree(live, crashed); // kill -9: the page cache survives, the process's buffer does not

            LogManager recovered = LogManager.builder(crashed, fx.store).brokerConfig(BrokerConfig.defaults()).build();
            try {
                PartitionLog again = recovered.getLog("t", 0);
                assertThat(again.logEndOffset()).isEqualTo(20L);
                List<Rec> recs = readAll(again);
                for (int i = 0; i < 20; i++) {
                    assertThat(recs.get(i).value()).isEqualTo("durable-" + i);
                }
            } finally {
                recovered.close();
            }
        }
    }

    @Test
    void aCrashWhileTheWriterThreadHasChunksInFlightLosesNothingDurableAndServesAValidPrefix() throws Exception {
        Path live = dir.resolve("live");
        // 4 KiB buffers fill every few appends, so chunks are in flight on the writer thread all along
        BrokerConfig cfg = BrokerConfig.builder().set(LogSettings.WRITE_BUFFER_BYTES, 4096).set(LogSettings.WRITER_THREADS, 1).build();
        try (LogFixture fx = LogFixture.real(live, cfg)) {
            PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "65536", LogConfigDefs.FLUSH_MESSAGES, "1000000"));
            String pad = "x".repeat(300);
            java.util.concurrent.atomic.AtomicReference<Throwable> readFailure = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean appending = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread reader = new Thread(() -> { // reads of the tail wait for the chunks in flight and see every byte appended
                try {
                    while (appending.get()) {
                        List<Rec> recs = readAll(log, 0, FetchIsolation.LOG_END);
                        for (int i = 0; i < recs.size(); i++) {
                            assertThat(recs.get(i).value()).isEqualTo(i + pad);
                        }
                    }
                } catch (Throwable t) {
                    readFailure.set(t);
                }
            });
            reader.start();
            long durableAtCrash;
            Path crashed = dir.resolve("crashed");
            try {
                for (int i = 0; i < 2000; i++) {
                    log.appendAsLeader(Batches.values(1L, i + pad), 0);
                    if (i % 300 == 299) {
                        log.requestFlush();
                    }
                }
                durableAtCrash = log.recoveryPoint();
                Crash.copyTree(live, crashed); // kill -9: what the writer thread wrote is in the page cache, the rest is gone
            } finally {
                appending.set(false);
                reader.join(30_000);
            }
            assertThat(readFailure.get()).isNull();
            assertThat(durableAtCrash).isPositive();

            LogManager recovered = LogManager.builder(crashed, fx.store).brokerConfig(cfg).build();
            try {
                PartitionLog again = recovered.getLog("t", 0);
                assertThat(again.logEndOffset()).isBetween(durableAtCrash, 2000L);
                List<Rec> recs = readAll(again);
                assertThat(recs).hasSize((int) again.logEndOffset());
                for (int i = 0; i < recs.size(); i++) {
                    assertThat(recs.get(i).value()).isEqualTo(i + pad);
                }
            } finally {
                recovered.close();
            }
            assertThat(readAll(log)).hasSize(2000);
        }
    }
}
