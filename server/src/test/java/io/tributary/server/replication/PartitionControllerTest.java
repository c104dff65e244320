package io.tributary.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The controller's decisions when nodes die, as Kafka's controller makes them. */
class PartitionControllerTest {
    private static final ClusterView NEVER_CONTROLLER = FakeClusterView.NEVER_CONTROLLER;

    private final PartitionState state = new PartitionState(List.of(0, 1, 2), 0, 4, List.of(0, 1, 2), 9);

    private static PartitionController controller(boolean unclean) {
        return new PartitionController(null, NEVER_CONTROLLER, 1_000, unclean);
    }

    @Test
    void nothingChangesWhileEveryoneLives() {
        assertThat(controller(false).decide(state, Set.of())).isNull();
    }

    @Test
    void aDeadLeaderIsReplacedByTheFirstLiveIsrMemberInANewEpoch() {
        PartitionState next = controller(false).decide(state, Set.of(0));
        assertThat(next.leader()).isEqualTo(1);
        assertThat(next.leaderEpoch()).isEqualTo(5);
        assertThat(next.isr()).containsExactly(1, 2);
        assertThat(next.partitionEpoch()).isEqualTo(10);
    }

    @Test
    void aDeadFollowerLeavesTheIsrAndTheLeaderStays() {
        PartitionState next = controller(false).decide(state, Set.of(2));
        assertThat(next.leader()).isZero();
        assertThat(next.leaderEpoch()).isEqualTo(4);
        assertThat(next.isr()).containsExactly(0, 1);
    }

    @Test
    void withNoLiveIsrMemberThePartitionHasNoLeaderUnlessUncleanElectionIsOn() {
        PartitionState narrow = new PartitionState(List.of(0, 1, 2), 0, 4, List.of(0), 9);
        PartitionState clean = controller(false).decide(narrow, Set.of(0));
        assertThat(clean.leader()).isEqualTo(-1);
        assertThat(clean.isr()).containsExactly(0);
        assertThat(controller(false).decide(clean, Set.of(0))).isNull();
        // the last ISR member returns: it leads again
        assertThat(controller(false).decide(clean, Set.of()).leader()).isZero();

        PartitionState unclean = controller(true).decide(narrow, Set.of(0));
        assertThat(unclean.leader()).isEqualTo(1);
        assertThat(unclean.isr()).containsExactly(1);
    }

    @Test
    void placementSpreadsLeadersOverTheNodes() {
        List<Integer> nodes = List.of(0, 1, 2);
        java.util.Set<Integer> leaders = new java.util.HashSet<>();
        for (int p = 0; p < 3; p++) {
            List<Integer> replicas = ReplicaPlacement.replicas(nodes, "t", p, 3);
            assertThat(replicas).containsExactlyInAnyOrder(0, 1, 2);
            leaders.add(replicas.get(0));
        }
        assertThat(leaders).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aFollowerIsCaughtUpWhenItAsksForWhatWasTheEndAtItsPreviousFetch() {
        FollowerProgress p = new FollowerProgress(0, 1_000);
        p.onFetch(0, 10, 2_000); // behind: not caught up now, and there is no previous fetch
        assertThat(p.lastCaughtUpMs()).isEqualTo(1_000);
        p.onFetch(10, 20, 3_000); // reached the end the leader had at 2_000
        assertThat(p.lastCaughtUpMs()).isEqualTo(2_000);
        p.onFetch(20, 20, 4_000);
        assertThat(p.lastCaughtUpMs()).isEqualTo(4_000);
        assertThat(p.fetchOffset()).isEqualTo(20);
    }
}
