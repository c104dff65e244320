package io.tributary.logstore;

import static io.tributary.logstore.testing.LogReads.allBytes;
import static io.tributary.logstore.testing.LogReads.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.logstore.epoch.EpochEntry;
import io.tributary.logstore.epoch.LeaderEpochCache;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.LogFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change of leader as the logs see it: the new leader's epoch, and a follower cutting its divergent tail (KIP-101). */
class LeaderChangeTest {
    private static final long TS = System.currentTimeMillis();

    @TempDir
    Path dir;
    LogFixture fx;

    @BeforeEach
    void open() {
        fx = LogFixture.real(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aNewLeadersEpochIsAnsweredAndCheckpointedBeforeItsFirstAppend() throws Exception {
        PartitionLog log = fx.createTopic("t");
        log.appendAsLeader(Batches.values(TS, "a", "b", "c"), 0).durable().get(10, TimeUnit.SECONDS);

        log.assignLeaderEpoch(3, log.logEndOffset());
        assertThat(log.latestEpoch()).hasValue(3);
        assertThat(log.endOffsetForEpoch(3)).hasValue(new EpochEntry(3, 3));
        assertThat(log.endOffsetForEpoch(2)).hasValue(new EpochEntry(0, 3)); // a follower of epoch 0..2 keeps offsets below 3
        assertThat(LeaderEpochCache.load(log.dir()).entries()).containsExactly(new EpochEntry(0, 0), new EpochEntry(3, 3));

        log.assignLeaderEpoch(2, 3); // not newer: ignored
        log.assignLeaderEpoch(3, 3);
        log.appendAsLeader(Batches.values(TS, "d"), 3);
        assertThat(log.epochEntries()).containsExactly(new EpochEntry(0, 0), new EpochEntry(3, 3));
        assertThatThrownBy(() -> log.assignLeaderEpoch(4, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFollowerWithADivergentTailTruncatesToTheLeadersEpochEndAndThenCopiesTheLeaderByteForByte() throws Exception {
        PartitionLog oldLeader = fx.createTopic("old-leader");
        PartitionLog newLeader = fx.createTopic("new-leader");
        // epoch 0: the old leader writes offsets 0-1, which the new leader copies
        oldLeader.appendAsLeader(Batches.values(TS, "a", "b"), 0);
        newLeader.appendAsFollower(fetch(oldLeader, 0));
        // the old leader goes on alone in epoch 0 (nobody fetched it) ...
        oldLeader.updateHighWatermarkBound(2);
        oldLeader.appendAsLeader(Batches.idempotent(7, (short) 0, 0, TS, "lost-1"), 0);
        oldLeader.appendAsLeader(Batches.values(TS, "lost-2", "lost-3"), 0).durable().get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> acksAll = oldLeader.awaitHighWatermark(oldLeader.logEndOffset());
        // ... while the other node becomes leader in epoch 1 and takes writes at offsets 2-4
        newLeader.assignLeaderEpoch(1, newLeader.logEndOffset());
        newLeader.appendAsLeader(Batches.idempotent(8, (short) 0, 0, TS, "c", "d"), 1);
        newLeader.appendAsLeader(Batches.values(TS, "e"), 1);

        // the old leader becomes a follower: where did its last epoch end on the new leader?
        int lastEpoch = oldLeader.latestEpoch().orElseThrow();
        EpochEntry end = newLeader.endOffsetForEpoch(lastEpoch).orElseThrow();
        assertThat(end).isEqualTo(new EpochEntry(0, 2));
        assertThat(oldLeader.truncateTo(end.startOffset())).isTrue();

        assertThat(oldLeader.logEndOffset()).isEqualTo(2);
        assertThat(oldLeader.highWatermark()).isLessThanOrEqualTo(2);
        assertThat(oldLeader.epochEntries()).containsExactly(new EpochEntry(0, 0));
        assertThat(oldLeader.activeProducers()).isEmpty(); // producer 7 wrote only in the cut tail
        assertThat(acksAll).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(AppendTruncatedException.class);

        oldLeader.updateHighWatermarkBound(newLeader.highWatermark());
        oldLeader.appendAsFollower(fetch(newLeader, oldLeader.logEndOffset())).durable().get(10, TimeUnit.SECONDS);
        assertThat(allBytes(oldLeader)).isEqualTo(allBytes(newLeader));
        assertThat(oldLeader.epochEntries()).isEqualTo(newLeader.epochEntries());
        assertThat(oldLeader.endOffsetForEpoch(1)).isEqualTo(newLeader.endOffsetForEpoch(1));
        assertThat(oldLeader.activeProducers()).isEqualTo(newLeader.activeProducers());
    }

    @Test
    void aFollowerFarBehindRestartsEmptyAtItsLeadersLogStartWithTheHighWatermarkThere() throws Exception {
        PartitionLog log = fx.createTopic("t");
        log.appendAsLeader(Batches.values(TS, "a", "b"), 0).durable().get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> pending = log.awaitHighWatermark(5);

        log.truncateFullyAndStartAt(100);
        assertThat(log.logStartOffset()).isEqualTo(100);
        assertThat(log.logEndOffset()).isEqualTo(100);
        assertThat(log.highWatermark()).isEqualTo(100);
        assertThat(log.epochEntries()).isEmpty();
        assertThat(pending).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(AppendTruncatedException.class);
    }
}
