package io.tributary.logstore.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.BrokerConfig;
import io.tributary.logstore.AbortedTxn;
import io.tributary.logstore.AppendOrigin;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Crash;
import io.tributary.logstore.testing.LogFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transaction markers: the last stable offset, the aborted-transaction index, and its recovery. */
class AbortedTransactionIndexTest {
    @TempDir
    Path dir;

    @Test
    void abortsAreIndexedCommitsAreNotAndTheLastStableOffsetFollowsOpenTransactions() throws Exception {
        try (LogFixture fx = LogFixture.real(dir.resolve("logs"))) {
            PartitionLog log = fx.createTopic("t");
            log.appendAsLeader(Batches.values(1L, "plain-0"), 0);                                  // 0
            log.appendAsLeader(Batches.keyedTransactional(7L, (short) 0, 0, 1L, "k", "a1", "k", "a2"), 0); // 1-2, pid 7
            log.appendAsLeader(Batches.keyedTransactional(8L, (short) 0, 0, 1L, "k", "c1"), 0);      // 3, pid 8
            Awaitility.await().until(() -> log.highWatermark() == 4);
            assertThat(log.lastStableOffset()).isEqualTo(1);
            log.appendAsLeader(Batches.endTxnMarker(7L, (short) 0, 1L, false), 0, AppendOrigin.COORDINATOR); // 4: abort pid 7
            Awaitility.await().until(() -> log.highWatermark() == 5);
            assertThat(log.lastStableOffset()).isEqualTo(3);
            log.appendAsLeader(Batches.endTxnMarker(8L, (short) 0, 1L, true), 0, AppendOrigin.COORDINATOR);  // 5: commit pid 8
            Awaitility.await().until(() -> log.highWatermark() == 6);
            assertThat(log.lastStableOffset()).isEqualTo(6);

            assertThat(log.abortedTransactions(0, log.lastStableOffset())).containsExactly(new AbortedTxn(7L, 1, 4, 3));
            assertThat(log.abortedTransactions(5, log.lastStableOffset())).isEmpty();
        }
    }

    @Test
    void theIndexSurvivesACleanRestartAndIsRebuiltAfterACrashThatLostIt() throws Exception {
        Path live = dir.resolve("live");
        try (LogFixture fx = LogFixture.real(live, BrokerConfig.defaults())) {
            PartitionLog log = fx.createTopic("t", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "1000"));
            for (int i = 0; i < 20; i++) {
                long pid = 100 + i;
                log.appendAsLeader(Batches.keyedTransactional(pid, (short) 0, 0, 1L, "k", "v" + i), 0);
                log.appendAsLeader(Batches.endTxnMarker(pid, (short) 0, 1L, i % 2 == 1), 0, AppendOrigin.COORDINATOR);
            }
            Awaitility.await().until(() -> log.highWatermark() == 40);
            assertThat(log.numberOfSegments()).isGreaterThan(2);
            List<AbortedTxn> before = log.abortedTransactions(0, 40);
            assertThat(before).hasSize(10).allMatch(t -> t.lastOffset() == t.firstOffset() + 1);

            LogManager reopened = fx.reopen();
            assertThat(reopened.getLog("t", 0).abortedTransactions(0, 40)).isEqualTo(before);

            Path crashed = dir.resolve("crashed");
            Crash.copyTree(live, crashed);
            try (Stream<Path> files = Files.list(crashed.resolve("t-0"))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".txnindex")).toList()) {
                    Files.delete(f);
                }
            }
            Files.deleteIfExists(crashed.resolve(".clean-shutdown"));
            try (Stream<Path> files = Files.list(crashed.resolve("t-0"))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".snapshot")).toList()) {
                    Files.delete(f);
                }
            }
            LogManager recovered = LogManager.builder(crashed, fx.store).brokerConfig(BrokerConfig.defaults()).build();
            try {
                assertThat(recovered.getLog("t", 0).abortedTransactions(0, 40)).isEqualTo(before);
            } finally {
                recovered.close();
            }
        }
    }
}
