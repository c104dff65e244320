package io.tributary.kafka.group.offsets;

import io.tributary.logstore.TopicPartition;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The committed offsets of one shard's groups, exactly as the durable part of its log says: a commit
 * is put here once its record is durable, in log order, and a deletion once its tombstone is.
 *
 * <p>Transactional commits (TxnOffsetCommit, written in a transactional batch) wait in a separate
 * pending map, by producer, until the transaction's marker commits or aborts them; OffsetFetch with
 * {@code requireStable} refuses a partition while one is pending. A committed transaction's offset
 * replaces the partition's committed one only if its record lies later in the log, as in Kafka
 * ({@code completePendingTxnOffsetCommit}): a plain commit written after it, before the marker, wins.
 * That is also what a reload of the compacted log gives, since compaction keeps the later record.
 *
 * <p>Shard-thread only.
 */
public final class OffsetStore {
    private final Map<String, Map<TopicPartition, CommittedOffset>> committed = new HashMap<>();
    /** Where in the log (in the order records were applied) each committed offset's record lies. */
    private final Map<String, Map<TopicPartition, Long>> committedAt = new HashMap<>();
    /** producer id → group → partition → offset, waiting for the producer's transaction marker. */
    private final Map<Long, Map<String, Map<TopicPartition, Pending>>> pending = new HashMap<>();
    /** Records applied so far: puts and pending puts arrive in log order, so this orders them as the log does. */
    private long applied;

    /** A transactional offset and where its record lies. */
    private record Pending(CommittedOffset offset, long at) {
    }

    public void put(String group, TopicPartition tp, CommittedOffset offset) {
        putAt(group, tp, offset, ++applied);
    }

    private void putAt(String group, TopicPartition tp, CommittedOffset offset, long at) {
        committed.computeIfAbsent(group, g -> new TreeMap<>()).put(tp, offset);
        committedAt.computeIfAbsent(group, g -> new HashMap<>()).put(tp, at);
    }

    public void remove(String group, TopicPartition tp) {
        Map<TopicPartition, CommittedOffset> m = committed.get(group);
        if (m != null) {
            m.remove(tp);
            committedAt.get(group).remove(tp);
            if (m.isEmpty()) {
                committed.remove(group);
                committedAt.remove(group);
            }
        }
    }

    /** Forgets every offset of {@code group}, committed and pending. */
    public void removeGroup(String group) {
        committed.remove(group);
        committedAt.remove(group);
        for (Iterator<Map<String, Map<TopicPartition, Pending>>> it = pending.values().iterator(); it.hasNext();) {
            Map<String, Map<TopicPartition, Pending>> byGroup = it.next();
            byGroup.remove(group);
            if (byGroup.isEmpty()) {
                it.remove();
            }
        }
    }

    public CommittedOffset get(String group, TopicPartition tp) {
        Map<TopicPartition, CommittedOffset> m = committed.get(group);
        return m == null ? null : m.get(tp);
    }

    /** The group's committed offsets, by partition (a read-only view; copy before changing the store). */
    public Map<TopicPartition, CommittedOffset> offsets(String group) {
        Map<TopicPartition, CommittedOffset> m = committed.get(group);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    public boolean hasOffsets(String group) {
        return committed.containsKey(group);
    }

    /** The groups with committed offsets. */
    public Set<String> groups() {
        return Collections.unmodifiableSet(committed.keySet());
    }

    // ---- transactional offsets ----

    public void putPending(long producerId, String group, TopicPartition tp, CommittedOffset offset) {
        pending.computeIfAbsent(producerId, p -> new HashMap<>()).computeIfAbsent(group, g -> new HashMap<>())
                .put(tp, new Pending(offset, ++applied));
    }

    /** True when a transaction has an offset for {@code tp} of {@code group} that is neither committed nor aborted yet. */
    public boolean hasPending(String group, TopicPartition tp) {
        for (Map<String, Map<TopicPartition, Pending>> byGroup : pending.values()) {
            Map<TopicPartition, Pending> m = byGroup.get(group);
            if (m != null && m.containsKey(tp)) {
                return true;
            }
        }
        return false;
    }

    /** True when a transaction has offsets of {@code group} pending. */
    public boolean hasPending(String group) {
        for (Map<String, Map<TopicPartition, Pending>> byGroup : pending.values()) {
            if (byGroup.containsKey(group)) {
                return true;
            }
        }
        return false;
    }

    /** The marker of {@code producerId}'s transaction: its pending offsets become committed, or are dropped. */
    public void endTransaction(long producerId, boolean commit) {
        Map<String, Map<TopicPartition, Pending>> byGroup = pending.remove(producerId);
        if (byGroup == null || !commit) {
            return;
        }
        byGroup.forEach((group, offsets) -> offsets.forEach((tp, o) -> {
            Long current = committedAt.getOrDefault(group, Map.of()).get(tp);
            if (current == null || current < o.at()) {
                putAt(group, tp, o.offset(), o.at());
            }
        }));
    }
}
