package io.tributary.kafka.group.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.ShardFixture;
import io.tributary.kafka.group.TopicCatalog.TopicInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KIP-848's server-side protocol: epochs, the target assignment, and reconciliation without double ownership. */
class ConsumerGroupManagerTest {
    private static final String GROUP = "g";

    private final ShardFixture f = new ShardFixture();
    private final Map<String, Set<Integer>> owns = new java.util.HashMap<>();
    private TopicInfo topic;

    @BeforeEach
    void createTopic() {
        topic = f.topics.add("t", 6);
    }

    private ConsumerHeartbeatResult hb(String memberId, int epoch, Map<UUID, Set<Integer>> owned) {
        List<String> names = epoch == 0 ? List.of("t") : null;
        ConsumerHeartbeatParams p = new ConsumerHeartbeatParams(GROUP, memberId, epoch, null, null, epoch == 0 ? 60_000 : -1, names, null, null,
                owned, "client", "/127.0.0.1", (short) 1);
        ConsumerHeartbeatResult r = f.await(f.shard.consumer().heartbeat(p));
        if (r.assignment() != null) {
            owns.put(memberId, r.assignment().getOrDefault(topic.id(), Set.of()));
        }
        return r;
    }

    private ConsumerHeartbeatResult join(String memberId) {
        return hb(memberId, 0, Map.of());
    }

    private Map<UUID, Set<Integer>> partitions(Integer... ps) {
        return Map.of(topic.id(), new TreeSet<>(List.of(ps)));
    }

    private static Set<Integer> of(ConsumerHeartbeatResult r, UUID topic) {
        return r.assignment() == null ? null : r.assignment().getOrDefault(topic, Set.of());
    }

    @Test
    void theFirstMemberGetsEveryPartition() {
        ConsumerHeartbeatResult a = join("a");
        assertThat(a.error()).isEqualTo(GroupError.NONE);
        assertThat(a.memberEpoch()).isEqualTo(1);
        assertThat(a.heartbeatIntervalMs()).isEqualTo(f.config.consumerHeartbeatIntervalMs());
        assertThat(of(a, topic.id())).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(f.shard.group(GROUP).stateName()).isEqualTo("Stable");
        ConsumerHeartbeatResult steady = hb("a", 1, partitions(0, 1, 2, 3, 4, 5));
        assertThat(steady.memberEpoch()).isEqualTo(1);
    }

    @Test
    void aJoiningMemberGetsPartitionsOnlyAfterTheirOwnerRevokedThem() {
        join("a");
        ConsumerHeartbeatResult b = join("b");
        assertThat(b.memberEpoch()).isEqualTo(2);
        assertThat(of(b, topic.id())).isEmpty();
        assertThat(f.shard.group(GROUP).stateName()).isEqualTo("Reconciling");

        ConsumerHeartbeatResult a = hb("a", 1, partitions(0, 1, 2, 3, 4, 5));
        assertThat(a.memberEpoch()).as("a keeps its epoch until it revoked").isEqualTo(1);
        Set<Integer> aKeeps = of(a, topic.id());
        assertThat(aKeeps).hasSize(3);
        assertThat(of(hb("b", 2, Map.of()), topic.id())).as("still owned by a").isNull();

        ConsumerHeartbeatResult aDone = hb("a", 1, Map.of(topic.id(), aKeeps));
        assertThat(aDone.memberEpoch()).isEqualTo(2);
        ConsumerHeartbeatResult bGets = hb("b", 2, Map.of());
        Set<Integer> bOwns = of(bGets, topic.id());
        assertThat(bOwns).hasSize(3).doesNotContainAnyElementsOf(aKeeps);
        assertThat(f.shard.group(GROUP).stateName()).isEqualTo("Stable");
    }

    @Test
    void aLeavingMembersPartitionsGoToTheOthers() {
        join("a");
        join("b");
        Set<Integer> aKeeps = of(hb("a", 1, partitions(0, 1, 2, 3, 4, 5)), topic.id());
        hb("a", 1, Map.of(topic.id(), aKeeps));
        hb("b", 2, Map.of());
        ConsumerHeartbeatResult left = hb("b", -1, null);
        assertThat(left.memberEpoch()).isEqualTo(-1);
        ConsumerHeartbeatResult a = hb("a", 2, Map.of(topic.id(), aKeeps));
        assertThat(a.memberEpoch()).isEqualTo(3);
        assertThat(owns.get("a")).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void epochsThatDoNotMatchAreFencedAndStrangersAreUnknown() {
        join("a");
        assertThat(hb("a", 5, partitions()).error()).isEqualTo(GroupError.FENCED_MEMBER_EPOCH);
        assertThat(hb("stranger", 1, partitions()).error()).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        ConsumerHeartbeatParams badAssignor = new ConsumerHeartbeatParams(GROUP, "c", 0, null, null, 60_000, List.of("t"), null, "sticky",
                Map.of(), "client", "h", (short) 1);
        assertThat(f.await(f.shard.consumer().heartbeat(badAssignor)).error()).isEqualTo(GroupError.UNSUPPORTED_ASSIGNOR);
        ConsumerHeartbeatParams noMemberId = new ConsumerHeartbeatParams(GROUP, "", 0, null, null, 60_000, List.of("t"), null, null,
                Map.of(), "client", "h", (short) 1);
        assertThat(f.await(f.shard.consumer().heartbeat(noMemberId)).error()).isEqualTo(GroupError.INVALID_REQUEST);
    }

    @Test
    void aSilentMemberIsRemovedAfterTheSessionTimeout() {
        join("a");
        join("b");
        Set<Integer> aKeeps = of(hb("a", 1, partitions(0, 1, 2, 3, 4, 5)), topic.id());
        hb("a", 1, Map.of(topic.id(), aKeeps));
        int step = f.config.consumerSessionTimeoutMs() / 5;
        for (int i = 0; i < 6; i++) {
            f.scheduler.advance(step);
            hb("a", 2, Map.of(topic.id(), aKeeps));
        }
        assertThat(hb("b", 2, Map.of()).error()).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        ConsumerHeartbeatResult a = hb("a", 2, Map.of(topic.id(), aKeeps));
        assertThat(a.memberEpoch()).isEqualTo(3);
        assertThat(owns.get("a")).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aMemberThatDoesNotRevokeWithinItsRebalanceTimeoutIsFenced() {
        join("a");
        ConsumerHeartbeatResult c = join("c");
        assertThat(of(c, topic.id())).isEmpty();
        for (int waited = 0; waited <= 60_000; waited += 5_000) {
            assertThat(hb("c", c.memberEpoch(), Map.of()).error()).isEqualTo(GroupError.NONE);
            ConsumerHeartbeatResult a = hb("a", 1, partitions(0, 1, 2, 3, 4, 5));
            if (a.error() != GroupError.NONE) {
                assertThat(a.error()).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
                assertThat(waited).isGreaterThanOrEqualTo(60_000);
                break;
            }
            f.scheduler.advance(5_000);
        }
        hb("c", c.memberEpoch(), Map.of());
        assertThat(owns.get("c")).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aStaticMemberThatComesBackTakesOverItsPartitionsAndEpoch() {
        ConsumerHeartbeatParams first = new ConsumerHeartbeatParams(GROUP, "m1", 0, "instance", null, 60_000, List.of("t"), null, null, Map.of(),
                "client", "h", (short) 1);
        ConsumerHeartbeatResult joined = f.await(f.shard.consumer().heartbeat(first));
        ConsumerHeartbeatParams leave = new ConsumerHeartbeatParams(GROUP, "m1", -2, "instance", null, -1, null, null, null, null, "client", "h",
                (short) 1);
        assertThat(f.await(f.shard.consumer().heartbeat(leave)).memberEpoch()).isEqualTo(-2);
        ConsumerHeartbeatParams back = new ConsumerHeartbeatParams(GROUP, "m2", 0, "instance", null, 60_000, List.of("t"), null, null, Map.of(),
                "client", "h", (short) 1);
        ConsumerHeartbeatResult again = f.await(f.shard.consumer().heartbeat(back));
        assertThat(again.memberEpoch()).isEqualTo(joined.memberEpoch());
        assertThat(of(again, topic.id())).containsExactly(0, 1, 2, 3, 4, 5);
        ConsumerHeartbeatParams thief = new ConsumerHeartbeatParams(GROUP, "m3", 0, "instance", null, 60_000, List.of("t"), null, null, Map.of(),
                "client", "h", (short) 1);
        assertThat(f.await(f.shard.consumer().heartbeat(thief)).error()).isEqualTo(GroupError.UNRELEASED_INSTANCE_ID);
    }

    @Test
    void aGroupWithOnlyCommittedOffsetsBecomesAConsumerGroupAndItsEpochSurvivesARestart() {
        f.await(f.shard.offsetManager().commit(new io.tributary.kafka.group.offsets.OffsetCommitParams(GROUP, -1, "", null, -1,
                Map.of(new io.tributary.logstore.TopicPartition("t", 0), new io.tributary.kafka.group.offsets.OffsetCommitParams.Commit(3, -1, "")),
                (short) 9)));
        assertThat(f.shard.group(GROUP).type()).isEqualTo(io.tributary.kafka.group.GroupType.CLASSIC);
        join("a");
        assertThat(f.shard.group(GROUP).type()).isEqualTo(io.tributary.kafka.group.GroupType.CONSUMER);
        f.restart();
        ConsumerGroup g = (ConsumerGroup) f.shard.group(GROUP);
        assertThat(g.groupEpoch()).isEqualTo(1);
        assertThat(g.isEmpty()).isTrue();
        assertThat(hb("a", 1, partitions(0)).error()).as("members join again after a restart").isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        assertThat(join("a").memberEpoch()).isEqualTo(2);
        assertThat(f.shard.offsets().get(GROUP, new io.tributary.logstore.TopicPartition("t", 0)).offset()).isEqualTo(3);
    }

    @Test
    void aRegularExpressionSubscriptionFollowsTopicsAsTheyAppear() {
        ConsumerHeartbeatParams join = new ConsumerHeartbeatParams(GROUP, "r", 0, null, null, 60_000, null, "t.*", "range", Map.of(),
                "client", "h", (short) 1);
        ConsumerHeartbeatResult joined = f.await(f.shard.consumer().heartbeat(join));
        assertThat(joined.assignment()).containsOnlyKeys(topic.id());
        TopicInfo t2 = f.topics.add("t2", 2);
        f.topics.add("other", 2);
        ConsumerHeartbeatParams next = new ConsumerHeartbeatParams(GROUP, "r", joined.memberEpoch(), null, null, -1, null, null, null,
                joined.assignment(), "client", "h", (short) 1);
        ConsumerHeartbeatResult grown = f.await(f.shard.consumer().heartbeat(next));
        assertThat(grown.memberEpoch()).isGreaterThan(joined.memberEpoch());
        assertThat(grown.assignment()).containsOnlyKeys(topic.id(), t2.id());
        assertThat(((ConsumerGroup) f.shard.group(GROUP)).describe("uniform").assignorName()).isEqualTo("range");
        ConsumerHeartbeatParams bad = new ConsumerHeartbeatParams(GROUP, "s", 0, null, null, 60_000, null, "t[", null, Map.of(),
                "client", "h", (short) 1);
        assertThat(f.await(f.shard.consumer().heartbeat(bad)).error()).isEqualTo(GroupError.INVALID_REGULAR_EXPRESSION);
    }

    private GroupError commit(String memberId, int epoch, int partition) {
        io.tributary.kafka.group.offsets.OffsetCommitParams p = new io.tributary.kafka.group.offsets.OffsetCommitParams(GROUP, epoch, memberId,
                null, -1, Map.of(new io.tributary.logstore.TopicPartition("t", partition),
                        new io.tributary.kafka.group.offsets.OffsetCommitParams.Commit(1, -1, "")), (short) 10);
        return f.await(f.shard.offsetManager().commit(p)).values().iterator().next();
    }

    @Test
    void aCommitWithALaggingEpochIsAcceptedForPartitionsTheMemberStillHolds() {
        join("a");
        join("b");
        Set<Integer> aKeeps = of(hb("a", 1, partitions(0, 1, 2, 3, 4, 5)), topic.id());
        int given = java.util.stream.IntStream.range(0, 6).filter(p -> !aKeeps.contains(p)).findFirst().getAsInt();
        assertThat(commit("a", 1, given)).as("a still owns it until it reports the revocation").isEqualTo(GroupError.NONE);
        assertThat(hb("a", 1, Map.of(topic.id(), aKeeps)).memberEpoch()).isEqualTo(2);

        int kept = aKeeps.iterator().next();
        assertThat(commit("a", 1, kept)).as("KIP-1251: held since epoch 1").isEqualTo(GroupError.NONE);
        assertThat(commit("a", 2, kept)).isEqualTo(GroupError.NONE);
        assertThat(commit("a", 1, given)).as("given up").isEqualTo(GroupError.STALE_MEMBER_EPOCH);
        assertThat(commit("a", 3, kept)).as("newer than the member's").isEqualTo(GroupError.STALE_MEMBER_EPOCH);
        assertThat(commit("nobody", 2, kept)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        assertThat(commit("", -1, kept)).as("from outside a group with members").isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
    }
}
