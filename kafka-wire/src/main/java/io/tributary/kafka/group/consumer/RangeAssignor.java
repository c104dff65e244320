package io.tributary.kafka.group.consumer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code range} assignor: for each topic, its partitions are cut into contiguous ranges, one per
 * member subscribed to it (ordered by group instance id, else member id), the first members taking
 * one extra when the count does not divide. Members subscribed to the same topics get the same
 * partition numbers of each, which is what co-partitioned joins want.
 */
public final class RangeAssignor implements PartitionAssignor {
    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Map<UUID, Set<Integer>>> assign(List<MemberSubscription> members, Map<UUID, Integer> partitionCounts,
            Map<String, Map<UUID, Set<Integer>>> current) {
        Map<String, Map<UUID, Set<Integer>>> out = new HashMap<>();
        members.forEach(m -> out.put(m.memberId(), new TreeMap<>()));
        Comparator<MemberSubscription> order = Comparator.comparing((MemberSubscription m) -> m.instanceId() != null ? m.instanceId() : m.memberId())
                .thenComparing(MemberSubscription::memberId);
        for (Map.Entry<UUID, Integer> topic : new TreeMap<>(partitionCounts).entrySet()) {
            List<MemberSubscription> subscribed = new ArrayList<>();
            for (MemberSubscription m : members) {
                if (m.topics().contains(topic.getKey())) {
                    subscribed.add(m);
                }
            }
            if (subscribed.isEmpty()) {
                continue;
            }
            subscribed.sort(order);
            int n = topic.getValue();
            int per = n / subscribed.size();
            int extra = n % subscribed.size();
            int next = 0;
            for (int i = 0; i < subscribed.size(); i++) {
                int count = per + (i < extra ? 1 : 0);
                for (int p = next; p < next + count; p++) {
                    Assignments.add(out.get(subscribed.get(i).memberId()), topic.getKey(), p);
                }
                next += count;
            }
        }
        return out;
    }
}
