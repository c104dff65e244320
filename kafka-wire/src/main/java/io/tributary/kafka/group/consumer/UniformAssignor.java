package io.tributary.kafka.group.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code uniform} assignor (the default, as in Kafka): spreads the partitions of the subscribed
 * topics as evenly as the subscriptions allow, and is sticky: a partition stays with its current
 * owner unless that owner no longer subscribes to it or has more than its share. Works for members
 * with different subscriptions too: a partition only goes to a member subscribed to its topic.
 *
 * <p>Three passes: keep what owners may keep; give every unowned partition to the least loaded
 * member subscribed to its topic; then move partitions from a member to one with at least two fewer
 * (that is subscribed to the partition's topic) until no such move exists.
 */
public final class UniformAssignor implements PartitionAssignor {
    public static final String NAME = "uniform";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Map<UUID, Set<Integer>>> assign(List<MemberSubscription> members, Map<UUID, Integer> partitionCounts,
            Map<String, Map<UUID, Set<Integer>>> current) {
        Map<String, Map<UUID, Set<Integer>>> out = new HashMap<>();
        Map<String, MemberSubscription> byId = new HashMap<>();
        for (MemberSubscription m : members) {
            out.put(m.memberId(), new TreeMap<>());
            byId.put(m.memberId(), m);
        }
        if (members.isEmpty()) {
            return out;
        }
        int total = 0;
        for (Map.Entry<UUID, Integer> e : partitionCounts.entrySet()) {
            if (anySubscribed(members, e.getKey())) {
                total += e.getValue();
            }
        }
        int maxShare = (total + members.size() - 1) / members.size();
        Map<UUID, Set<Integer>> taken = new TreeMap<>();
        // 1. Stickiness: owners keep partitions they still subscribe to, up to a fair share.
        for (MemberSubscription m : members) {
            Map<UUID, Set<Integer>> before = current.get(m.memberId());
            if (before == null) {
                continue;
            }
            Map<UUID, Set<Integer>> mine = out.get(m.memberId());
            for (Map.Entry<UUID, Set<Integer>> e : new TreeMap<>(before).entrySet()) {
                Integer count = partitionCounts.get(e.getKey());
                if (count == null || !m.topics().contains(e.getKey())) {
                    continue;
                }
                for (int p : e.getValue()) {
                    if (p < count && Assignments.size(mine) < maxShare && !Assignments.contains(taken, e.getKey(), p)) {
                        Assignments.add(mine, e.getKey(), p);
                        Assignments.add(taken, e.getKey(), p);
                    }
                }
            }
        }
        // 2. Every partition nobody kept goes to the least loaded member that subscribes to its topic.
        for (Map.Entry<UUID, Integer> e : new TreeMap<>(partitionCounts).entrySet()) {
            for (int p = 0; p < e.getValue(); p++) {
                if (Assignments.contains(taken, e.getKey(), p)) {
                    continue;
                }
                MemberSubscription least = leastLoaded(members, out, e.getKey());
                if (least != null) {
                    Assignments.add(out.get(least.memberId()), e.getKey(), p);
                    Assignments.add(taken, e.getKey(), p);
                }
            }
        }
        balance(members, out, byId);
        return out;
    }

    private static boolean anySubscribed(List<MemberSubscription> members, UUID topic) {
        for (MemberSubscription m : members) {
            if (m.topics().contains(topic)) {
                return true;
            }
        }
        return false;
    }

    private static MemberSubscription leastLoaded(List<MemberSubscription> members, Map<String, Map<UUID, Set<Integer>>> out, UUID topic) {
        MemberSubscription best = null;
        int bestSize = Integer.MAX_VALUE;
        for (MemberSubscription m : members) {
            if (m.topics().contains(topic)) {
                int size = Assignments.size(out.get(m.memberId()));
                if (size < bestSize) {
                    best = m;
                    bestSize = size;
                }
            }
        }
        return best;
    }

    /** 3. Moves partitions from the most loaded members to members with at least two fewer, while one can take them. */
    private static void balance(List<MemberSubscription> members, Map<String, Map<UUID, Set<Integer>>> out,
            Map<String, MemberSubscription> byId) {
        boolean moved = true;
        int guard = 0;
        while (moved && guard++ < 100_000) {
            moved = false;
            List<MemberSubscription> bySize = new ArrayList<>(members);
            bySize.sort((a, b) -> Integer.compare(Assignments.size(out.get(b.memberId())), Assignments.size(out.get(a.memberId()))));
            outer:
            for (MemberSubscription from : bySize) {
                Map<UUID, Set<Integer>> fromAssigned = out.get(from.memberId());
                for (int i = bySize.size() - 1; i >= 0; i--) {
                    MemberSubscription to = byId.get(bySize.get(i).memberId());
                    Map<UUID, Set<Integer>> toAssigned = out.get(to.memberId());
                    if (Assignments.size(fromAssigned) - Assignments.size(toAssigned) < 2) {
                        continue;
                    }
                    for (Map.Entry<UUID, Set<Integer>> e : fromAssigned.entrySet()) {
                        if (to.topics().contains(e.getKey()) && !e.getValue().isEmpty()) {
                            int p = java.util.Collections.max(e.getValue());
                            e.getValue().remove(p);
                            if (e.getValue().isEmpty()) {
                                fromAssigned.remove(e.getKey());
                            }
                            Assignments.add(toAssigned, e.getKey(), p);
                            moved = true;
                            break outer;
                        }
                    }
                }
            }
        }
    }
}
