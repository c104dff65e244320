package io.tributary.logstore.cleaner;

import static io.tributary.logstore.cleaner.LogCleanerTest.HOUR;
import static io.tributary.logstore.cleaner.LogCleanerTest.TP;
import static io.tributary.logstore.cleaner.LogCleanerTest.compacted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.logstore.AbortedTxn;
import io.tributary.logstore.AppendOrigin;
import io.tributary.logstore.AppendResult;
import io.tributary.logstore.OutOfOrderSequenceException;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Batches.Rec;
import io.tributary.logstore.testing.LogFixture;
import io.tributary.logstore.testing.LogReads;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What compaction does to batches: codecs, producer metadata, control and transactional batches, map size, threads. */
class CompactedBatchesTest {
    @TempDir
    Path dir;
    LogFixture fx;

    LogFixture mocked(BrokerConfig.Builder b) {
        fx = LogFixture.mocked(dir, b.set(LogSettings.RETENTION_CHECK_INTERVAL_MS, 24 * HOUR).set(LogSettings.CLEANER_BACKOFF_MS, 24 * HOUR)
                .build());
        return fx;
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    LogCleaner cleaner() {
        return fx.manager.cleaner().orElseThrow();
    }

    AppendResult append(PartitionLog log, ByteBuffer batch) {
        AppendResult r = log.appendAsLeader(batch, 0);
        r.durable().join();
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void compressedBatchesAreFilteredAndRecompressedWithTheirOwnCodec(CompressionType type) {
        mocked(BrokerConfig.builder());
        PartitionLog log = fx.createTopic("t", 1, compacted());
        Compression codec = Compression.of(type).build();
        for (int round = 0; round < 15; round++) {
            append(log, Batches.keyed(codec, fx.time.milliseconds(), "a", "a" + round, "b", "b" + round, "c" + round, "unique"));
        }
        assertThat(cleaner().cleanNow()).isEqualTo(1);
        long cleaned = cleaner().cleanedUpTo(TP);
        List<RecordBatch> batches = LogReads.readBatches(log);
        assertThat(batches).allMatch(b -> b.compressionType() == type || b.countOrNull() == 0);
        List<Rec> part = LogReads.readAll(log).stream().filter(r -> r.offset() < cleaned).toList();
        assertThat(part).extracting(Rec::key).doesNotHaveDuplicates().contains("c0", "c1");
        assertThat(part.stream().filter(r -> r.key().equals("a")).toList()).hasSizeLessThanOrEqualTo(1);
        batches.forEach(RecordBatch::ensureValid);
    }

    @Test
    void aProducersLastBatchSurvivesEmptySoItsSequenceSurvivesARestart() throws Exception {
        mocked(BrokerConfig.builder());
        PartitionLog log = fx.createTopic("t", 1, compacted());
        long pid = 42;
        append(log, Batches.keyedIdempotent(pid, (short) 0, 0, fx.time.milliseconds(), "k", "from-producer"));
        for (int i = 0; i < 40; i++) {
            append(log, Batches.keyed(fx.time.milliseconds(), "k", "later-" + i));
        }
        cleaner().cleanNow();
        List<RecordBatch> batches = LogReads.readBatches(log);
        RecordBatch producers = batches.stream().filter(b -> b.producerId() == pid).findFirst().orElseThrow();
        assertThat(producers.countOrNull()).isZero();
        assertThat(producers.baseSequence()).isZero();
        assertThat(producers.lastOffset()).isZero();

        fx.manager.close(); // clean stop, then forget the snapshots: state must come from the log itself
        try (Stream<Path> files = Files.list(log.dir())) {
            for (Path p : files.filter(p -> p.toString().endsWith(".snapshot")).toList()) {
                Files.delete(p);
            }
        }
        fx.manager = fx.open();
        PartitionLog again = fx.manager.getLog("t", 0);
        assertThat(again.appendAsLeader(Batches.keyedIdempotent(pid, (short) 0, 0, fx.time.milliseconds(), "k", "retry"), 0).duplicate())
                .isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.appendAsLeader(
                Batches.keyedIdempotent(pid, (short) 0, 5, fx.time.milliseconds(), "k", "gap"), 0)).isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(again.appendAsLeader(Batches.keyedIdempotent(pid, (short) 0, 1, fx.time.milliseconds(), "k", "next"), 0).duplicate())
                .isFalse();
    }

    @Test
    void committedTransactionalRecordsAreCompactedLikeOthersAndTheirMarkersStay() {
        mocked(BrokerConfig.builder());
        PartitionLog log = fx.createTopic("t", 1, compacted());
        long pid = 7;
        append(log, Batches.keyedTransactional(pid, (short) 0, 0, fx.time.milliseconds(), "k", "in-txn", "j", "only-in-txn"));
        log.appendAsLeader(Batches.endTxnMarker(pid, (short) 0, fx.time.milliseconds(), true), 0, AppendOrigin.COORDINATOR).durable().join();
        for (int i = 0; i < 40; i++) {
            append(log, Batches.keyed(fx.time.milliseconds(), "k", "later-" + i));
        }
        cleaner().cleanNow();
        List<RecordBatch> batches = LogReads.readBatches(log);
        // the later "k" supersedes the committed one; "j" has no later record and stays in its transactional batch
        assertThat(batches.get(0).isTransactional()).isTrue();
        assertThat(batches.get(0).countOrNull()).isEqualTo(1);
        assertThat(batches.get(1).isControlBatch()).isTrue();
        assertThat(LogReads.readData(log)).extracting(Rec::value).doesNotContain("in-txn").startsWith("only-in-txn").endsWith("later-39");
    }

    @Test
    void abortedTransactionalRecordsAreDroppedAndSupersedeNothing() {
        mocked(BrokerConfig.builder());
        PartitionLog log = fx.createTopic("t", 1, compacted());
        append(log, Batches.keyed(fx.time.milliseconds(), "k", "committed-before"));
        long pid = 7;
        append(log, Batches.keyedTransactional(pid, (short) 0, 0, fx.time.milliseconds(), "k", "aborted", "x", "aborted-x"));
        AppendResult abort = log.appendAsLeader(Batches.endTxnMarker(pid, (short) 0, fx.time.milliseconds(), false), 0, AppendOrigin.COORDINATOR);
        abort.durable().join();
        long abortAt = abort.firstOffset();
        long pid2 = 8;
        append(log, Batches.keyedTransactional(pid2, (short) 0, 0, fx.time.milliseconds(), "j", "committed-in-txn"));
        log.appendAsLeader(Batches.endTxnMarker(pid2, (short) 0, fx.time.milliseconds(), true), 0, AppendOrigin.COORDINATOR).durable().join();
        for (int i = 0; i < 40; i++) {
            append(log, Batches.keyed(fx.time.milliseconds(), "filler-" + i, "f"));
        }
        assertThat(log.abortedTransactions(0, log.logEndOffset())).extracting(AbortedTxn::producerId).containsExactly(pid);

        assertThat(cleaner().cleanNow()).isEqualTo(1);
        assertThat(cleaner().cleanedUpTo(TP)).isGreaterThan(abortAt);
        List<String> values = LogReads.readData(log).stream().map(Rec::value).toList();
        // the aborted write neither survives nor removes the committed value before it
        assertThat(values).doesNotContain("aborted", "aborted-x").contains("committed-before", "committed-in-txn");
        // both markers stay, and the abort is still indexed for read_committed fetches of the cleaned segment
        assertThat(LogReads.readBatches(log)).filteredOn(RecordBatch::isControlBatch).hasSize(2);
        assertThat(log.abortedTransactions(0, log.logEndOffset())).extracting(AbortedTxn::producerId, AbortedTxn::lastOffset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(pid, abortAt));
        LogReads.readBatches(log).forEach(RecordBatch::ensureValid);
    }

    @Test
    void aDedupeBufferSmallerThanTheDirtyKeysCleansInSeveralPasses() {
        // 1 MiB per thread holds about 39,000 keys; the log has 60,000 distinct ones, written twice
        mocked(BrokerConfig.builder().set(LogSettings.CLEANER_DEDUPE_BUFFER_SIZE, 1L << 20));
        PartitionLog log = fx.createTopic("t", 1, compacted("segment.bytes", "400000"));
        for (int round = 0; round < 2; round++) {
            for (int batch = 0; batch < 60; batch++) {
                String[] kv = new String[2000];
                for (int i = 0; i < 1000; i++) {
                    kv[2 * i] = "key-" + (batch * 1000 + i);
                    kv[2 * i + 1] = "r" + round;
                }
                append(log, Batches.keyed(fx.time.milliseconds(), kv));
            }
        }
        append(log, Batches.keyed(fx.time.milliseconds(), "last", "x".repeat(390_000))); // rolls
        assertThat(cleaner().cleanNow()).isGreaterThanOrEqualTo(3);
        List<Rec> recs = LogReads.readAll(log);
        assertThat(recs).filteredOn(r -> r.offset() < cleaner().cleanedUpTo(TP)).extracting(Rec::value).containsOnly("r1");
        assertThat(recs).hasSize(60_001);
    }

    @Test
    void aBatchWithMoreKeysThanTheDedupeBufferHoldsMakesTheLogUncleanableAndLeavesItAlone() {
        mocked(BrokerConfig.builder().set(LogSettings.CLEANER_DEDUPE_BUFFER_SIZE, 1L << 20));
        PartitionLog log = fx.createTopic("t", 1, compacted("segment.bytes", "1000000"));
        String[] kv = new String[2 * 45_000];
        for (int i = 0; i < 45_000; i++) {
            kv[2 * i] = "key-" + i;
            kv[2 * i + 1] = "v";
        }
        append(log, Batches.keyed(fx.time.milliseconds(), kv));
        append(log, Batches.keyed(fx.time.milliseconds(), "key-1", "x".repeat(700_000))); // rolls
        assertThat(cleaner().cleanNow()).isZero();
        assertThat(cleaner().isUncleanable(TP)).isTrue();
        assertThat(LogReads.readAll(log)).hasSize(45_001);
    }

    @Test
    void backgroundThreadsCleanSeveralLogsOnARealClock() {
        fx = LogFixture.real(dir, BrokerConfig.builder().set(LogSettings.CLEANER_THREADS, 2).set(LogSettings.CLEANER_BACKOFF_MS, 50L).build());
        List<PartitionLog> logs = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            PartitionLog log = fx.createTopic("t" + t, 1, compacted());
            for (int i = 0; i < 60; i++) {
                append(log, Batches.keyed(System.currentTimeMillis(), "k" + (i % 3), "v" + i));
            }
            logs.add(log);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> logs.stream().allMatch(l -> LogReads.readAll(l).size() < 30));
        for (PartitionLog log : logs) {
            assertThat(LogReads.readAll(log)).extracting(Rec::value).contains("v57", "v58", "v59");
        }
    }
}
