package io.tributary.kafka.group.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The server-side assignors: every subscribed partition exactly once, balanced, and (uniform) sticky. */
class AssignorsTest {
    private static final UUID T1 = UUID.randomUUID();
    private static final UUID T2 = UUID.randomUUID();

    private static PartitionAssignor.MemberSubscription member(String id, UUID... topics) {
        return new PartitionAssignor.MemberSubscription(id, null, null, Set.of(topics));
    }

    private static void assertEachPartitionOnce(Map<String, Map<UUID, Set<Integer>>> a, Map<UUID, Integer> counts) {
        Map<UUID, List<Integer>> seen = new HashMap<>();
        a.values().forEach(m -> m.forEach((t, ps) -> seen.computeIfAbsent(t, k -> new ArrayList<>()).addAll(ps)));
        counts.forEach((t, n) -> {
            assertThat(seen.get(t)).hasSize(n);
            assertThat(new HashSet<>(seen.get(t))).hasSize(n);
        });
    }

    @Test
    void uniformSpreadsEvenlyAndMovesLittleWhenAMemberJoins() {
        UniformAssignor u = new UniformAssignor();
        Map<UUID, Integer> counts = Map.of(T1, 6, T2, 3);
        List<PartitionAssignor.MemberSubscription> two = List.of(member("a", T1, T2), member("b", T1, T2));
        Map<String, Map<UUID, Set<Integer>>> before = u.assign(two, counts, Map.of());
        assertEachPartitionOnce(before, counts);
        assertThat(Assignments.size(before.get("a")) + Assignments.size(before.get("b"))).isEqualTo(9);
        assertThat(Math.abs(Assignments.size(before.get("a")) - Assignments.size(before.get("b")))).isLessThanOrEqualTo(1);

        List<PartitionAssignor.MemberSubscription> three = List.of(member("a", T1, T2), member("b", T1, T2), member("c", T1, T2));
        Map<String, Map<UUID, Set<Integer>>> after = u.assign(three, counts, before);
        assertEachPartitionOnce(after, counts);
        for (String m : List.of("a", "b", "c")) {
            assertThat(Assignments.size(after.get(m))).isEqualTo(3);
        }
        assertThat(Assignments.isSubset(after.get("a"), before.get("a"))).as("a only gives partitions up").isTrue();
        assertThat(Assignments.isSubset(after.get("b"), before.get("b"))).as("b only gives partitions up").isTrue();
    }

    @Test
    void uniformGivesAPartitionOnlyToMembersSubscribedToItsTopic() {
        Map<UUID, Integer> counts = Map.of(T1, 4, T2, 4);
        Map<String, Map<UUID, Set<Integer>>> a = new UniformAssignor().assign(List.of(member("a", T1), member("b", T1, T2)), counts, Map.of());
        assertEachPartitionOnce(a, counts);
        assertThat(a.get("a")).containsOnlyKeys(T1);
        assertThat(a.get("b").get(T2)).hasSize(4);
    }

    @Test
    void rangeGivesEachMemberAContiguousRangeOfEveryTopic() {
        Map<UUID, Integer> counts = Map.of(T1, 5);
        Map<String, Map<UUID, Set<Integer>>> a = new RangeAssignor().assign(List.of(member("a", T1), member("b", T1)), counts, Map.of());
        assertThat(a.get("a").get(T1)).containsExactly(0, 1, 2);
        assertThat(a.get("b").get(T1)).containsExactly(3, 4);
    }
}
