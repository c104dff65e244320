package io.tributary.kafka.group.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupException;
import io.tributary.kafka.group.ShardFixture;
import io.tributary.logstore.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Committed offsets: durable before visible, fetched, deleted, expired, and replayed after a restart. */
class OffsetManagerTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private final ShardFixture f = new ShardFixture();

    private OffsetManager offsets() {
        return f.shard.offsetManager();
    }

    private CompletableFuture<Map<TopicPartition, GroupError>> commit(String group, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetCommitParams.Commit> commits = new java.util.LinkedHashMap<>();
        positions.forEach((tp, o) -> commits.put(tp, new OffsetCommitParams.Commit(o, 3, "m" + o)));
        CompletableFuture<Map<TopicPartition, GroupError>> r = offsets().commit(new OffsetCommitParams(group, -1, "", null, -1, commits, (short) 9));
        f.scheduler.runAll();
        return r;
    }

    private OffsetFetchResult fetch(String group, List<TopicPartition> partitions) {
        return offsets().fetch(new OffsetFetchParams(group, null, -1, partitions, false));
    }

    @Test
    void aCommitIsAnsweredAndVisibleOnlyOnceDurable() {
        f.log.holdDurability();
        CompletableFuture<Map<TopicPartition, GroupError>> committed = commit("g", Map.of(T0, 42L));
        assertThat(committed).isNotDone();
        assertThat(fetch("g", List.of(T0)).partitions().get(0).offset()).isEqualTo(-1);

        f.log.makeDurable();
        f.scheduler.runAll();
        assertThat(committed.join()).containsEntry(T0, GroupError.NONE);
        OffsetFetchResult.PartitionOffset o = fetch("g", List.of(T0)).partitions().get(0);
        assertThat(o.offset()).isEqualTo(42);
        assertThat(o.leaderEpoch()).isEqualTo(3);
        assertThat(o.metadata()).isEqualTo("m42");
        assertThat(fetch("g", null).partitions()).extracting(OffsetFetchResult.PartitionOffset::partition).containsExactly(T0);
    }

    @Test
    void aFailedWriteFailsTheCommitAndChangesNothing() {
        commit("g", Map.of(T0, 1L)).join();
        f.log.failAppendsWith(new IllegalStateException("disk gone"));
        assertThat(commit("g", Map.of(T0, 2L)).join()).containsEntry(T0, GroupError.NOT_COORDINATOR);
        assertThat(fetch("g", List.of(T0)).partitions().get(0).offset()).isEqualTo(1);
    }

    @Test
    void metadataLongerThanTheLimitIsRefused() {
        Map<TopicPartition, OffsetCommitParams.Commit> commits = Map.of(T0, new OffsetCommitParams.Commit(1, -1, "x".repeat(5000)));
        CompletableFuture<Map<TopicPartition, GroupError>> r = offsets().commit(new OffsetCommitParams("g", -1, "", null, -1, commits, (short) 9));
        assertThat(f.await(r)).containsEntry(T0, GroupError.OFFSET_METADATA_TOO_LARGE);
    }

    @Test
    void offsetsAndGroupsSurviveARestartAndDeletionsToo() {
        commit("g", Map.of(T0, 10L, T1, 11L)).join();
        commit("h", Map.of(T0, 20L)).join();
        assertThat(f.await(offsets().deleteOffsets("g", List.of(T1)))).containsEntry(T1, GroupError.NONE);
        assertThat(f.await(offsets().deleteGroup("h"))).isEqualTo(GroupError.NONE);
        assertThat(f.await(offsets().deleteGroup("h"))).isEqualTo(GroupError.GROUP_ID_NOT_FOUND);

        f.restart();
        assertThat(fetch("g", null).partitions()).extracting(OffsetFetchResult.PartitionOffset::partition, OffsetFetchResult.PartitionOffset::offset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T0, 10L));
        assertThat(f.shard.group("g")).isNotNull();
        assertThat(f.shard.group("h")).isNull();
        assertThat(fetch("h", List.of(T0)).partitions().get(0).offset()).isEqualTo(-1);
    }

    @Test
    void offsetsOfAGroupThatStayedEmptyExpireAfterTheRetention() {
        commit("g", Map.of(T0, 10L)).join();
        f.scheduler.advance(f.config.offsetsRetentionMs() - 1);
        assertThat(offsets().expireOffsets()).isZero();
        assertThat(fetch("g", List.of(T0)).partitions().get(0).offset()).isEqualTo(10);
        f.scheduler.advance(1);
        offsets().expireOffsets();
        f.scheduler.runAll();
        assertThat(fetch("g", List.of(T0)).partitions().get(0).offset()).isEqualTo(-1);
        assertThat(f.shard.group("g")).isNull();
        f.restart();
        assertThat(f.shard.group("g")).isNull();
    }

    @Test
    void pendingTransactionalOffsetsAreUnstableUntilTheirMarker() {
        OffsetStore store = f.shard.offsets();
        store.putPending(7L, "g", T0, new CommittedOffset(5, -1, "", 0, -1));
        OffsetFetchResult stable = offsets().fetch(new OffsetFetchParams("g", null, -1, List.of(T0), true));
        assertThat(stable.partitions().get(0).error()).isEqualTo(GroupError.UNSTABLE_OFFSET_COMMIT);
        assertThat(fetch("g", List.of(T0)).partitions().get(0).offset()).isEqualTo(-1);
        store.endTransaction(7L, true);
        assertThat(offsets().fetch(new OffsetFetchParams("g", null, -1, List.of(T0), true)).partitions().get(0).offset()).isEqualTo(5);
        store.putPending(8L, "g", T0, new CommittedOffset(9, -1, "", 0, -1));
        store.endTransaction(8L, false);
        assertThat(fetch("g", List.of(T0)).partitions().get(0).offset()).isEqualTo(5);
    }

    @Test
    void aCommittedTransactionsOffsetReplacesOnlyAnOffsetWrittenBeforeIt() {
        OffsetStore store = f.shard.offsets();
        // the transaction's record, then a plain commit, then the marker: the plain commit is later in the log and stays
        store.putPending(7L, "g", T0, new CommittedOffset(5, -1, "", 0, -1));
        store.put("g", T0, new CommittedOffset(8, -1, "", 0, -1));
        store.endTransaction(7L, true);
        assertThat(fetch("g", List.of(T0)).partitions().get(0).offset()).isEqualTo(8);
        // a plain commit, then the transaction's record and marker: the transaction's offset is later and wins
        store.put("g", T1, new CommittedOffset(3, -1, "", 0, -1));
        store.putPending(9L, "g", T1, new CommittedOffset(4, -1, "", 0, -1));
        store.endTransaction(9L, true);
        assertThat(fetch("g", List.of(T1)).partitions().get(0).offset()).isEqualTo(4);
    }

    @Test
    void offsetDeleteRefusesTopicsTheGroupConsumesAndUnknownGroups() {
        CompletableFuture<Map<TopicPartition, GroupError>> unknown = offsets().deleteOffsets("nobody", List.of(T0));
        f.scheduler.runAll();
        assertThat(unknown).isCompletedExceptionally();
        try {
            unknown.join();
        } catch (CompletionException e) {
            assertThat(((GroupException) e.getCause()).error()).isEqualTo(GroupError.GROUP_ID_NOT_FOUND);
        }
    }
}
