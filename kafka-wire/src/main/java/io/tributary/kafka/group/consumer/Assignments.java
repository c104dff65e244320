package io.tributary.kafka.group.consumer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Set arithmetic on assignments: partitions by topic id ({@code Map<UUID, Set<Integer>>}), with
 * empty topics left out so that equal assignments are equal maps. Results are fresh, mutable maps.
 */
public final class Assignments {
    private Assignments() {
    }

    public static Map<UUID, Set<Integer>> copy(Map<UUID, Set<Integer>> a) {
        Map<UUID, Set<Integer>> out = new TreeMap<>();
        if (a != null) {
            a.forEach((t, ps) -> {
                if (!ps.isEmpty()) {
                    out.put(t, new TreeSet<>(ps));
                }
            });
        }
        return out;
    }

    /** {@code a} ∩ {@code b}. */
    public static Map<UUID, Set<Integer>> intersect(Map<UUID, Set<Integer>> a, Map<UUID, Set<Integer>> b) {
        Map<UUID, Set<Integer>> out = new TreeMap<>();
        a.forEach((t, ps) -> {
            Set<Integer> other = b.get(t);
            if (other != null) {
                Set<Integer> both = new TreeSet<>(ps);
                both.retainAll(other);
                if (!both.isEmpty()) {
                    out.put(t, both);
                }
            }
        });
        return out;
    }

    /** {@code a} − {@code b}. */
    public static Map<UUID, Set<Integer>> minus(Map<UUID, Set<Integer>> a, Map<UUID, Set<Integer>> b) {
        Map<UUID, Set<Integer>> out = new TreeMap<>();
        a.forEach((t, ps) -> {
            Set<Integer> rest = new TreeSet<>(ps);
            Set<Integer> other = b.get(t);
            if (other != null) {
                rest.removeAll(other);
            }
            if (!rest.isEmpty()) {
                out.put(t, rest);
            }
        });
        return out;
    }

    public static void add(Map<UUID, Set<Integer>> into, UUID topic, int partition) {
        into.computeIfAbsent(topic, t -> new TreeSet<>()).add(partition);
    }

    public static boolean contains(Map<UUID, Set<Integer>> a, UUID topic, int partition) {
        Set<Integer> ps = a.get(topic);
        return ps != null && ps.contains(partition);
    }

    public static boolean overlaps(Map<UUID, Set<Integer>> a, Map<UUID, Set<Integer>> b) {
        for (Map.Entry<UUID, Set<Integer>> e : a.entrySet()) {
            Set<Integer> other = b.get(e.getKey());
            if (other != null) {
                for (Integer p : e.getValue()) {
                    if (other.contains(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when every partition of {@code sub} is in {@code of}. */
    public static boolean isSubset(Map<UUID, Set<Integer>> sub, Map<UUID, Set<Integer>> of) {
        return minus(sub, of).isEmpty();
    }

    public static int size(Map<UUID, Set<Integer>> a) {
        int n = 0;
        for (Set<Integer> ps : a.values()) {
            n += ps.size();
        }
        return n;
    }

    /** The assignment of each member as a mutable deep copy. */
    public static Map<String, Map<UUID, Set<Integer>>> copyAll(Map<String, Map<UUID, Set<Integer>>> all) {
        Map<String, Map<UUID, Set<Integer>>> out = new HashMap<>();
        all.forEach((m, a) -> out.put(m, copy(a)));
        return out;
    }

    /** Every partition of every topic, by topic. */
    public static Set<UUID> topics(Map<UUID, Set<Integer>> a) {
        return new HashSet<>(a.keySet());
    }
}
