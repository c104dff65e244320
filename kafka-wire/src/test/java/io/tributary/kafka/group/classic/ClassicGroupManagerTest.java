package io.tributary.kafka.group.classic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.ShardFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The classic protocol's state machine, driven by hand on a manual clock. */
class ClassicGroupManagerTest {
    private static final String GROUP = "g";
    private static final int SESSION = 10_000;
    private static final int REBALANCE = 30_000;

    private final ShardFixture f = new ShardFixture(ShardFixture.config(0));

    private ClassicGroupManager classic() {
        return f.shard.classic();
    }

    private ClassicGroup group() {
        return (ClassicGroup) f.shard.group(GROUP);
    }

    private static JoinGroupParams join(String memberId, String instanceId, List<Protocol> protocols) {
        return new JoinGroupParams(GROUP, memberId, instanceId, "consumer", protocols, SESSION, REBALANCE, "client", "/127.0.0.1", true, true, null);
    }

    private static List<Protocol> range() {
        return List.of(new Protocol("range", ShardFixture.subscription("t")));
    }

    private CompletableFuture<JoinGroupResult> join(String memberId) {
        CompletableFuture<JoinGroupResult> r = classic().join(join(memberId, null, range()));
        f.scheduler.runAll();
        return r;
    }

    /** A dynamic member's first join: MEMBER_ID_REQUIRED, then the join with its id. */
    private CompletableFuture<JoinGroupResult> joinNew() {
        JoinGroupResult first = f.await(classic().join(join("", null, range())));
        assertThat(first.error()).isEqualTo(GroupError.MEMBER_ID_REQUIRED);
        assertThat(first.memberId()).startsWith("client-");
        return join(first.memberId());
    }

    private SyncGroupResult sync(String memberId, int generation, Map<String, byte[]> assignments) {
        return f.await(classic().sync(new SyncGroupParams(GROUP, generation, memberId, null, "consumer", "range", assignments)));
    }

    private CompletableFuture<SyncGroupResult> syncLater(String memberId, int generation) {
        CompletableFuture<SyncGroupResult> r = classic().sync(new SyncGroupParams(GROUP, generation, memberId, null, null, null, Map.of()));
        f.scheduler.runAll();
        return r;
    }

    private GroupError heartbeat(String memberId, int generation) {
        return classic().heartbeat(new HeartbeatParams(GROUP, memberId, null, generation));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFirstJoinGetsAMemberIdThenLeadsGenerationOne() {
        JoinGroupResult joined = joinNew().join();
        assertThat(joined.error()).isEqualTo(GroupError.NONE);
        assertThat(joined.generationId()).isEqualTo(1);
        assertThat(joined.leaderId()).isEqualTo(joined.memberId());
        assertThat(joined.protocolName()).isEqualTo("range");
        assertThat(joined.members()).extracting(JoinGroupResult.Member::memberId).containsExactly(joined.memberId());
        assertThat(group().stateName()).isEqualTo("CompletingRebalance");

        SyncGroupResult synced = sync(joined.memberId(), 1, Map.of(joined.memberId(), bytes("all")));
        assertThat(synced.error()).isEqualTo(GroupError.NONE);
        assertThat(synced.assignment()).isEqualTo(bytes("all"));
        assertThat(group().stateName()).isEqualTo("Stable");
        assertThat(heartbeat(joined.memberId(), 1)).isEqualTo(GroupError.NONE);
    }

    @Test
    void aJoiningMemberRebalancesTheGroupAndEveryoneIsAnsweredWhenAllRejoined() {
        JoinGroupResult a = joinNew().join();
        sync(a.memberId(), 1, Map.of(a.memberId(), bytes("a1")));

        CompletableFuture<JoinGroupResult> bJoin = joinNew();
        assertThat(bJoin).isNotDone();
        assertThat(group().stateName()).isEqualTo("PreparingRebalance");
        assertThat(heartbeat(a.memberId(), 1)).isEqualTo(GroupError.REBALANCE_IN_PROGRESS);
        assertThat(sync(a.memberId(), 1, Map.of()).error()).isEqualTo(GroupError.REBALANCE_IN_PROGRESS);

        JoinGroupResult aAgain = join(a.memberId()).join();
        JoinGroupResult b = bJoin.join();
        assertThat(aAgain.generationId()).isEqualTo(2);
        assertThat(b.generationId()).isEqualTo(2);
        assertThat(aAgain.leaderId()).isEqualTo(a.memberId());
        assertThat(aAgain.members()).hasSize(2);
        assertThat(b.members()).isEmpty();

        CompletableFuture<SyncGroupResult> bSync = syncLater(b.memberId(), 2);
        assertThat(bSync).isNotDone();
        sync(a.memberId(), 2, Map.of(a.memberId(), bytes("a2"), b.memberId(), bytes("b2")));
        assertThat(bSync.join().assignment()).isEqualTo(bytes("b2"));
        assertThat(heartbeat(a.memberId(), 1)).isEqualTo(GroupError.ILLEGAL_GENERATION);
        assertThat(heartbeat("nobody", 2)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    void theProtocolIsTheOneMostMembersPreferAmongThoseAllSupport() {
        List<Protocol> ab = List.of(new Protocol("cooperative-sticky", bytes("x")), new Protocol("range", bytes("y")));
        List<Protocol> onlyRange = List.of(new Protocol("range", bytes("z")));
        CompletableFuture<JoinGroupResult> first = classic().join(join("", null, ab));
        f.scheduler.runAll();
        String a = first.join().memberId();
        JoinGroupResult joined = f.await(classic().join(join(a, null, ab)));
        assertThat(joined.protocolName()).isEqualTo("cooperative-sticky");

        JoinGroupResult incompatible = f.await(classic().join(join("", null, List.of(new Protocol("roundrobin", bytes("r"))))));
        assertThat(incompatible.error()).isEqualTo(GroupError.INCONSISTENT_GROUP_PROTOCOL);

        String b = f.await(classic().join(join("", null, onlyRange))).memberId();
        CompletableFuture<JoinGroupResult> bJoin = classic().join(join(b, null, onlyRange));
        CompletableFuture<JoinGroupResult> aJoin = classic().join(join(a, null, ab));
        f.scheduler.runAll();
        assertThat(aJoin.join().protocolName()).isEqualTo("range");
        assertThat(bJoin.join().protocolName()).isEqualTo("range");
    }

    @Test
    void aMemberThatDoesNotRejoinWithinTheRebalanceTimeoutIsRemoved() {
        JoinGroupResult a = joinNew().join();
        sync(a.memberId(), 1, Map.of());
        CompletableFuture<JoinGroupResult> bJoin = joinNew();
        for (int waited = 0; waited < REBALANCE - 1_000; waited += 1_000) {
            f.scheduler.advance(1_000);
            assertThat(heartbeat(a.memberId(), 1)).as("a heartbeats but does not rejoin").isEqualTo(GroupError.REBALANCE_IN_PROGRESS);
        }
        assertThat(bJoin).isNotDone();
        f.scheduler.advance(1_000);
        JoinGroupResult b = bJoin.join();
        assertThat(b.generationId()).isEqualTo(2);
        assertThat(b.leaderId()).isEqualTo(b.memberId());
        assertThat(b.members()).extracting(JoinGroupResult.Member::memberId).containsExactly(b.memberId());
        assertThat(heartbeat(a.memberId(), 1)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    void theSessionTimeoutEvictsAMemberThatStoppedHeartbeating() {
        JoinGroupResult a = joinNew().join();
        sync(a.memberId(), 1, Map.of());
        CompletableFuture<JoinGroupResult> bJoin = joinNew();
        join(a.memberId());
        JoinGroupResult b = bJoin.join();
        sync(a.memberId(), 2, Map.of());
        sync(b.memberId(), 2, Map.of());
        for (int i = 0; i < 12; i++) {
            f.scheduler.advance(1_000);
            assertThat(heartbeat(a.memberId(), 2)).isIn(GroupError.NONE, GroupError.REBALANCE_IN_PROGRESS);
        }
        assertThat(group().stateName()).isEqualTo("PreparingRebalance");
        assertThat(heartbeat(b.memberId(), 2)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        JoinGroupResult alone = join(a.memberId()).join();
        assertThat(alone.generationId()).isEqualTo(3);
        assertThat(alone.members()).hasSize(1);
    }

    @Test
    void anUnusedMemberIdIsForgottenAfterTheSessionTimeout() {
        String id = f.await(classic().join(join("", null, range()))).memberId();
        f.scheduler.advance(SESSION);
        JoinGroupResult late = f.await(classic().join(join(id, null, range())));
        assertThat(late.error()).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    void requestsGetTheErrorsClientsRelyOn() {
        JoinGroupParams tooShort = new JoinGroupParams(GROUP, "", null, "consumer", range(), 10, REBALANCE, "c", "h", true, true, null);
        assertThat(f.await(classic().join(tooShort)).error()).isEqualTo(GroupError.INVALID_SESSION_TIMEOUT);
        assertThat(f.await(classic().join(join("ghost", null, range()))).error()).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        assertThat(heartbeat("ghost", 1)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);

        JoinGroupResult a = joinNew().join();
        assertThat(sync(a.memberId(), 7, Map.of()).error()).isEqualTo(GroupError.ILLEGAL_GENERATION);
        SyncGroupResult wrongProtocol = f.await(classic().sync(new SyncGroupParams(GROUP, 1, a.memberId(), null, "consumer", "roundrobin", Map.of())));
        assertThat(wrongProtocol.error()).isEqualTo(GroupError.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(f.await(f.shard.offsetManager().commit(commit(a.memberId(), 1))).values()).containsOnly(GroupError.REBALANCE_IN_PROGRESS);
        sync(a.memberId(), 1, Map.of());
        assertThat(f.await(f.shard.offsetManager().commit(commit(a.memberId(), 1))).values()).containsOnly(GroupError.NONE);
        assertThat(f.await(f.shard.offsetManager().commit(commit(a.memberId(), 0))).values()).containsOnly(GroupError.ILLEGAL_GENERATION);
        assertThat(f.await(f.shard.offsetManager().commit(commit("", -1))).values()).containsOnly(GroupError.UNKNOWN_MEMBER_ID);
    }

    private static io.tributary.kafka.group.offsets.OffsetCommitParams commit(String memberId, int generation) {
        return new io.tributary.kafka.group.offsets.OffsetCommitParams(GROUP, generation, memberId, null, -1,
                Map.of(new io.tributary.logstore.TopicPartition("t", 0), new io.tributary.kafka.group.offsets.OffsetCommitParams.Commit(5, -1, "")),
                (short) 8);
    }

    @Test
    void theInitialDelayGathersMembersThatJoinTogetherIntoOneRebalance() {
        ShardFixture delayed = new ShardFixture(ShardFixture.config(3_000));
        ClassicGroupManager m = delayed.shard.classic();
        String a = delayed.await(m.join(join("", null, range()))).memberId();
        CompletableFuture<JoinGroupResult> aJoin = m.join(join(a, null, range()));
        delayed.scheduler.advance(2_000);
        String b = delayed.await(m.join(join("", null, range()))).memberId();
        CompletableFuture<JoinGroupResult> bJoin = m.join(join(b, null, range()));
        delayed.scheduler.advance(1_000);
        assertThat(aJoin).isNotDone();
        delayed.scheduler.advance(3_000);
        assertThat(aJoin.join().generationId()).isEqualTo(1);
        assertThat(bJoin.join().generationId()).isEqualTo(1);
        assertThat(aJoin.join().members()).hasSize(2);
    }

    @Test
    void aRestartedStaticMemberTakesItsPlaceBackWithoutARebalanceAndFencesItsOldSelf() {
        JoinGroupResult a = f.await(classic().join(join("", "instance-a", range())));
        assertThat(a.error()).isEqualTo(GroupError.NONE);
        sync(a.memberId(), 1, Map.of(a.memberId(), bytes("a-partitions")));
        CompletableFuture<JoinGroupResult> bJoin = classic().join(join("", "instance-b", range()));
        f.scheduler.runAll();
        JoinGroupResult a2 = join(a.memberId()).join();
        JoinGroupResult b = bJoin.join();
        SyncGroupParams leaderSync = new SyncGroupParams(GROUP, 2, a.memberId(), "instance-a", null, null,
                Map.of(a.memberId(), bytes("a2"), b.memberId(), bytes("b2")));
        f.await(classic().sync(leaderSync));
        f.await(classic().sync(new SyncGroupParams(GROUP, 2, b.memberId(), "instance-b", null, null, Map.of())));
        assertThat(a2.generationId()).isEqualTo(2);

        JoinGroupResult bRestarted = f.await(classic().join(join("", "instance-b", range())));
        assertThat(bRestarted.error()).isEqualTo(GroupError.NONE);
        assertThat(bRestarted.memberId()).isNotEqualTo(b.memberId()).startsWith("instance-b-");
        assertThat(bRestarted.generationId()).isEqualTo(2);
        assertThat(group().stateName()).isEqualTo("Stable");
        SyncGroupResult again = f.await(classic().sync(new SyncGroupParams(GROUP, 2, bRestarted.memberId(), "instance-b", null, null, Map.of())));
        assertThat(again.assignment()).isEqualTo(bytes("b2"));
        assertThat(classic().heartbeat(new HeartbeatParams(GROUP, b.memberId(), "instance-b", 2))).isEqualTo(GroupError.FENCED_INSTANCE_ID);

        LeaveGroupResult left = classic().leave(new LeaveGroupParams(GROUP, List.of(new LeaveGroupParams.Leaving(b.memberId(), "instance-b", null),
                new LeaveGroupParams.Leaving("", "instance-z", null), new LeaveGroupParams.Leaving("", "instance-b", "shutdown"))));
        assertThat(left.members()).extracting(LeaveGroupResult.Member::error)
                .containsExactly(GroupError.FENCED_INSTANCE_ID, GroupError.UNKNOWN_MEMBER_ID, GroupError.NONE);
        assertThat(group().stateName()).isEqualTo("PreparingRebalance");
    }

    @Test
    void aStableGroupComesBackAfterARestartAndItsMembersGoOnHeartbeating() {
        JoinGroupResult a = joinNew().join();
        sync(a.memberId(), 1, Map.of(a.memberId(), bytes("a1")));
        f.restart();
        ClassicGroup restored = group();
        assertThat(restored.stateName()).isEqualTo("Stable");
        assertThat(restored.generationId()).isEqualTo(1);
        assertThat(heartbeat(a.memberId(), 1)).isEqualTo(GroupError.NONE);
        assertThat(sync(a.memberId(), 1, Map.of()).assignment()).isEqualTo(bytes("a1"));
        f.scheduler.advance(SESSION);
        assertThat(heartbeat(a.memberId(), 1)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        assertThat(group().stateName()).isEqualTo("Empty");
    }
}
