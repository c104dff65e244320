package io.tributary.logstore;

import static io.tributary.logstore.testing.LogReads.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Batches.Rec;
import io.tributary.logstore.testing.LogFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The high watermark as replication drives it: bounded by the in-sync replicas, awaited by acks=all, forced by a leader. */
class HighWatermarkBoundTest {
    private static final long TS = System.currentTimeMillis();

    @TempDir
    Path dir;
    LogFixture fx;
    PartitionLog log;
    final List<Long> advances = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        fx = LogFixture.real(dir);
        log = fx.createTopic("t");
        log.addHighWatermarkListener((tp, hw) -> advances.add(hw));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Appends one single-record batch per value and waits until all are fsynced. */
    private void appendDurably(String... values) throws Exception {
        AppendResult last = null;
        for (String v : values) {
            last = log.appendAsLeader(Batches.values(TS, v), 0);
        }
        last.durable().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSingleNodeHasNoBoundAndItsHighWatermarkFollowsDurability() throws Exception {
        assertThat(log.highWatermarkBound()).isEqualTo(Long.MAX_VALUE);
        appendDurably("a", "b");
        assertThat(log.durableEndOffset()).isEqualTo(2);
        assertThat(log.highWatermark()).isEqualTo(2);
    }

    @Test
    void theBoundHoldsTheHighWatermarkBackAndRaisingItAdvancesItButLoweringItNeverMovesItBack() throws Exception {
        log.updateHighWatermarkBound(2);
        appendDurably("a", "b", "c", "d", "e");
        assertThat(log.durableEndOffset()).isEqualTo(5);
        assertThat(log.highWatermark()).isEqualTo(2);
        assertThat(readAll(log, 0, FetchIsolation.HIGH_WATERMARK)).extracting(Rec::value).containsExactly("a", "b");
        await().atMost(Duration.ofSeconds(10)).until(() -> advances.contains(2L)); // the flusher tells listeners after the futures

        log.updateHighWatermarkBound(4);
        assertThat(log.highWatermark()).isEqualTo(4);
        assertThat(advances).last().isEqualTo(4L);
        assertThat(readAll(log, 0, FetchIsolation.HIGH_WATERMARK)).extracting(Rec::value).containsExactly("a", "b", "c", "d");

        log.updateHighWatermarkBound(1); // a new leader's followers may have fetched less: the bound drops, the HW stays
        assertThat(log.highWatermarkBound()).isEqualTo(1);
        assertThat(log.highWatermark()).isEqualTo(4);

        log.updateHighWatermarkBound(Long.MAX_VALUE);
        assertThat(log.highWatermark()).isEqualTo(5);
        assertThat(advances).containsSubsequence(2L, 4L, 5L);
    }

    @Test
    void aBoundAboveLocalDurabilityDoesNotLetTheHighWatermarkPassIt() throws Exception {
        PartitionLog relaxed = fx.createTopic("relaxed", 1, Map.of(LogConfigDefs.FLUSH_MESSAGES, "1000"));
        AppendResult a = relaxed.appendAsLeader(Batches.values(TS, "a", "b"), 0);
        relaxed.updateHighWatermarkBound(10);
        assertThat(relaxed.durableEndOffset()).isZero();
        assertThat(relaxed.highWatermark()).isZero();
        CompletableFuture<Void> acksAll = relaxed.awaitHighWatermark(2);
        assertThat(acksAll).isNotDone();

        relaxed.requestFlush();
        a.durable().get(10, TimeUnit.SECONDS);
        acksAll.get(10, TimeUnit.SECONDS);
        assertThat(relaxed.highWatermark()).isEqualTo(2);
    }

    @Test
    void awaitHighWatermarkCompletesAtOnceWhenReachedAndOtherwiseWhenTheBoundLetsItThrough() throws Exception {
        appendDurably("a", "b");
        assertThat(log.awaitHighWatermark(2)).isCompleted();

        log.updateHighWatermarkBound(2);
        appendDurably("c", "d", "e");
        CompletableFuture<Void> five = log.awaitHighWatermark(5);
        CompletableFuture<Void> three = log.awaitHighWatermark(3); // a racing caller asks for less after more
        assertThat(five).isNotDone();
        assertThat(three).isNotDone();

        log.updateHighWatermarkBound(3);
        assertThat(three).isCompleted();
        assertThat(five).isNotDone();
        log.updateHighWatermarkBound(5);
        assertThat(five).isCompleted();
    }

    @Test
    void awaitHighWatermarkFailsWhenTheLogIsTruncatedBelowItsOffset() throws Exception {
        log.updateHighWatermarkBound(0);
        appendDurably("a", "b", "c");
        CompletableFuture<Void> three = log.awaitHighWatermark(3);
        CompletableFuture<Void> one = log.awaitHighWatermark(1);

        log.truncateTo(2);
        assertThat(three).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(AppendTruncatedException.class);
        assertThat(one).isNotDone();
        log.updateHighWatermarkBound(Long.MAX_VALUE);
        assertThat(log.highWatermark()).isEqualTo(2);
        assertThat(one).isCompleted();
    }

    @Test
    void awaitHighWatermarkFailsWhenTheLogIsClosed() throws Exception {
        log.updateHighWatermarkBound(0);
        appendDurably("a");
        CompletableFuture<Void> pending = log.awaitHighWatermark(1);
        fx.manager.close();
        assertThat(pending).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(LogClosedException.class);
        assertThat(log.awaitHighWatermark(5)).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(LogClosedException.class);
    }

    @Test
    void forceHighWatermarkMovesItBackWithinTheLogAndHoldsItThereUntilTheBoundRises() throws Exception {
        appendDurably("a", "b", "c", "d", "e");
        assertThat(log.highWatermark()).isEqualTo(5);

        log.forceHighWatermark(3);
        assertThat(log.highWatermark()).isEqualTo(3);
        assertThat(log.highWatermarkBound()).isEqualTo(3);
        assertThat(readAll(log, 0, FetchIsolation.HIGH_WATERMARK)).extracting(Rec::value).containsExactly("a", "b", "c");
        appendDurably("f");
        assertThat(log.highWatermark()).isEqualTo(3); // the flusher publishes offset 6, the bound holds the HW at 3

        log.forceHighWatermark(100); // never above the log end
        assertThat(log.highWatermark()).isEqualTo(6);
        await().atMost(Duration.ofSeconds(10)).until(() -> advances.contains(6L));
    }
}
