package io.tributary.logstore;

import static io.tributary.logstore.testing.LogReads.allBytes;
import static io.tributary.logstore.testing.LogReads.fetch;
import static io.tributary.logstore.testing.LogReads.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.logstore.epoch.EpochEntry;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Batches.Rec;
import io.tributary.logstore.testing.LogFixture;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower copying its leader's batches: the two logs end up byte for byte the same. */
class FollowerAppendTest {
    private static final long TS = System.currentTimeMillis();
    private static final long PID = 42;

    @TempDir
    Path dir;
    LogFixture fx;
    PartitionLog leader;
    PartitionLog follower;

    @BeforeEach
    void open() {
        fx = LogFixture.real(dir);
        leader = fx.createTopic("leader");
        follower = fx.createTopic("follower");
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Copies everything the leader has past the follower's end, as one replica fetch. */
    static AppendResult replicate(PartitionLog leader, PartitionLog follower) {
        return follower.appendAsFollower(fetch(leader, follower.logEndOffset()));
    }

    @Test
    void aCopyKeepsTheLeadersOffsetsEpochsTimestampsTransactionsAndBytes() throws Exception {
        leader.appendAsLeader(Batches.values(TS, "a", "b"), 0);
        leader.appendAsLeader(Batches.idempotent(PID, (short) 0, 0, TS - 1000, "c"), 0);
        leader.appendAsLeader(Batches.keyedTransactional(PID + 1, (short) 0, 0, TS, "k", "in-txn"), 2);
        leader.appendAsLeader(Batches.endTxnMarker(PID + 1, (short) 0, TS, false), 2, AppendOrigin.COORDINATOR);
        leader.appendAsLeader(Batches.values(TS, "d"), 2);

        AppendResult copy = replicate(leader, follower);
        assertThat(copy.firstOffset()).isZero();
        assertThat(copy.lastOffset()).isEqualTo(leader.logEndOffset() - 1);
        assertThat(copy.duplicate()).isFalse();
        copy.durable().get(10, TimeUnit.SECONDS);

        assertThat(fetch(follower, 0)).isEqualTo(fetch(leader, 0));
        assertThat(follower.logEndOffset()).isEqualTo(leader.logEndOffset());
        assertThat(follower.latestEpoch()).hasValue(2);
        assertThat(follower.endOffsetForEpoch(0)).isEqualTo(leader.endOffsetForEpoch(0)).hasValue(new EpochEntry(0, 3));
        assertThat(follower.endOffsetForEpoch(2)).isEqualTo(leader.endOffsetForEpoch(2));
        assertThat(follower.activeProducers()).containsExactlyInAnyOrderElementsOf(leader.activeProducers());
        assertThat(follower.abortedTransactions(0, follower.logEndOffset()))
                .isEqualTo(leader.abortedTransactions(0, leader.logEndOffset())).hasSize(1);
        assertThat(follower.highWatermark()).isEqualTo(follower.logEndOffset());
    }

    @Test
    void aFollowerThatBecomesLeaderAnswersARetryOfACopiedBatchWithItsOriginalOffsets() throws Exception {
        leader.appendAsLeader(Batches.values(TS, "noise"), 0);
        AppendResult original = leader.appendAsLeader(Batches.idempotent(PID, (short) 0, 0, TS, "a", "b"), 0);
        replicate(leader, follower).durable().get(10, TimeUnit.SECONDS);

        AppendResult retry = follower.appendAsLeader(Batches.idempotent(PID, (short) 0, 0, TS, "a", "b"), 1);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(original.firstOffset());
        assertThat(retry.lastOffset()).isEqualTo(original.lastOffset());
        assertThat(follower.logEndOffset()).isEqualTo(3);
        AppendResult next = follower.appendAsLeader(Batches.idempotent(PID, (short) 0, 2, TS, "c"), 1);
        assertThat(next.firstOffset()).isEqualTo(3);
    }

    @Test
    void aCopyThatDoesNotGoOnAtTheLogEndIsRefusedAndLeavesTheLogUntouched() {
        leader.appendAsLeader(Batches.values(TS, "a", "b", "c"), 0);
        leader.appendAsLeader(Batches.values(TS, "d", "e"), 0);
        replicate(leader, follower);

        assertThatThrownBy(() -> follower.appendAsFollower(fetch(leader, 3)))
                .isInstanceOfSatisfying(UnexpectedAppendOffsetException.class, e -> {
                    assertThat(e.expectedOffset()).isEqualTo(5);
                    assertThat(e.actualOffset()).isEqualTo(3);
                });
        PartitionLog empty = fx.createTopic("empty");
        ByteBuffer outOfOrder = Batches.concat(fetch(leader, 3), fetch(leader, 0));
        assertThatThrownBy(() -> empty.appendAsFollower(outOfOrder))
                .isInstanceOfSatisfying(UnexpectedAppendOffsetException.class, e -> {
                    assertThat(e.expectedOffset()).isEqualTo(5);
                    assertThat(e.actualOffset()).isZero();
                });
        assertThat(empty.logEndOffset()).isZero();
        assertThat(follower.logEndOffset()).isEqualTo(5);
    }

    @Test
    void aBatchMayStartAboveTheLogEndWhereTheLeadersCompactionLeftAGap() {
        leader.appendAsLeader(Batches.values(TS, "a", "b", "c"), 0);
        leader.appendAsLeader(Batches.values(TS, "d", "e"), 0);
        follower.appendAsFollower(fetch(leader, 3)); // the batch of offsets 0-2 was compacted away on the leader
        assertThat(follower.logEndOffset()).isEqualTo(5);
        assertThat(readAll(follower, 0, FetchIsolation.LOG_END)).extracting(Rec::offset).containsExactly(3L, 4L);
    }

    @Test
    void corruptCopiesAreRefusedAndAnEmptyOneIsANoOp() {
        leader.appendAsLeader(Batches.values(TS, "a"), 0);
        ByteBuffer corrupt = fetch(leader, 0);
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
        assertThatThrownBy(() -> follower.appendAsFollower(corrupt)).isInstanceOf(CorruptRecordException.class);
        assertThat(follower.logEndOffset()).isZero();

        AppendResult none = follower.appendAsFollower(ByteBuffer.allocate(0));
        assertThat(none.firstOffset()).isZero();
        assertThat(none.offsetCount()).isZero();
        assertThat(none.durable()).isCompleted();
        assertThat(follower.logEndOffset()).isZero();
    }

    @Test
    void copiesRollSegmentsAsTheLeaderDoes() throws Exception {
        PartitionLog small = fx.createTopic("small", 1, Map.of(LogConfigDefs.SEGMENT_BYTES, "300"));
        for (int i = 0; i < 10; i++) {
            leader.appendAsLeader(Batches.values(TS, "value-" + i, "more-" + i), i / 4);
        }
        AppendResult last = null;
        for (long next = 0; next < leader.logEndOffset(); next = small.logEndOffset()) {
            ReadResult one = leader.read(next, 1, FetchIsolation.LOG_END, true); // one batch a fetch
            ByteBuffer batch = ByteBuffer.allocate(one.slice().sizeInBytes());
            one.slice().readInto(batch);
            last = small.appendAsFollower(batch.flip());
        }
        last.durable().get(10, TimeUnit.SECONDS);
        assertThat(small.numberOfSegments()).isGreaterThan(1);
        assertThat(allBytes(small)).isEqualTo(allBytes(leader));
        assertThat(List.of(small.endOffsetForEpoch(0), small.endOffsetForEpoch(1), small.endOffsetForEpoch(2)))
                .isEqualTo(List.of(leader.endOffsetForEpoch(0), leader.endOffsetForEpoch(1), leader.endOffsetForEpoch(2)));
    }
}
