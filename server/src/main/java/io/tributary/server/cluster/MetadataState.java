package io.tributary.server.cluster;

import io.tributary.config.metadata.MetadataListeners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replicated records: kind to key to JSON, as applied from the Raft log. Only the state
 * machine's apply thread changes it; any thread may read it, and reads see each applied entry whole
 * (a batch is published at once, a restored snapshot replaces everything at once).
 */
final class MetadataState {
    private volatile Map<String, Map<String, String>> kinds = new ConcurrentHashMap<>();

    /**
     * Applies one command; returns how many records it changed (a compare-and-put whose expectation
     * held counts, even when it wrote the JSON already there: its caller learns it was written).
     */
    int apply(MetadataCommand command) {
        return apply(command, new ArrayList<>());
    }

    /** Applies one command, adding each record it changed to {@code changes}; returns the count {@link #apply(MetadataCommand)} does. */
    int apply(MetadataCommand command, List<MetadataListeners.Change> changes) {
        if (command instanceof MetadataCommand.Batch b) {
            Map<String, Map<String, String>> next = copy(kinds);
            int changed = 0;
            for (MetadataCommand c : b.commands()) {
                changed += applyTo(next, c, changes);
            }
            kinds = next;
            return changed;
        }
        return applyTo(kinds, command, changes);
    }

    private static int applyTo(Map<String, Map<String, String>> target, MetadataCommand command, List<MetadataListeners.Change> changes) {
        if (command instanceof MetadataCommand.Put p) {
            String old = target.computeIfAbsent(p.kind(), k -> new ConcurrentHashMap<>()).put(p.key(), p.value());
            if (p.value().equals(old)) {
                return 0;
            }
            changes.add(new MetadataListeners.Change(p.kind(), p.key(), p.value()));
            return 1;
        } else if (command instanceof MetadataCommand.PutIfAbsent p) {
            if (target.computeIfAbsent(p.kind(), k -> new ConcurrentHashMap<>()).putIfAbsent(p.key(), p.value()) != null) {
                return 0;
            }
            changes.add(new MetadataListeners.Change(p.kind(), p.key(), p.value()));
            return 1;
        } else if (command instanceof MetadataCommand.CompareAndPut c) {
            Map<String, String> records = target.get(c.kind());
            if (!Objects.equals(records == null ? null : records.get(c.key()), c.expected())) {
                return 0;
            }
            String old = target.computeIfAbsent(c.kind(), k -> new ConcurrentHashMap<>()).put(c.key(), c.value());
            if (!c.value().equals(old)) {
                changes.add(new MetadataListeners.Change(c.kind(), c.key(), c.value()));
            }
            return 1;
        } else if (command instanceof MetadataCommand.Delete d) {
            Map<String, String> records = target.get(d.kind());
            if (records == null || records.remove(d.key()) == null) {
                return 0;
            }
            if (records.isEmpty()) {
                target.remove(d.kind(), records);
            }
            changes.add(new MetadataListeners.Change(d.kind(), d.key(), null));
            return 1;
        }
        throw new IllegalArgumentException("a batch cannot contain a batch");
    }

    /** One record, or null. */
    String get(String kind, String key) {
        Map<String, String> records = kinds.get(kind);
        return records == null ? null : records.get(key);
    }

    /** Every record of one kind, in key order. */
    Map<String, String> list(String kind) {
        Map<String, String> records = kinds.get(kind);
        return records == null ? Map.of() : new TreeMap<>(records);
    }

    /** Every kind with its number of records, in kind order. */
    Map<String, Integer> kinds() {
        Map<String, Integer> out = new TreeMap<>();
        kinds.forEach((k, r) -> out.put(k, r.size()));
        return out;
    }

    /** A sorted copy of everything (what a snapshot writes). */
    Map<String, Map<String, String>> copy() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        kinds.forEach((k, r) -> out.put(k, new TreeMap<>(r)));
        return out;
    }

    /** Replaces everything, as restoring a snapshot does; returns every record that differs now. */
    List<MetadataListeners.Change> replaceWith(Map<String, Map<String, String>> records) {
        Map<String, Map<String, String>> before = kinds;
        Map<String, Map<String, String>> next = copy(records);
        kinds = next;
        List<MetadataListeners.Change> changes = new ArrayList<>();
        before.forEach((kind, old) -> old.forEach((key, json) -> {
            if (next.getOrDefault(kind, Map.of()).get(key) == null) {
                changes.add(new MetadataListeners.Change(kind, key, null));
            }
        }));
        next.forEach((kind, now) -> now.forEach((key, json) -> {
            if (!Objects.equals(before.getOrDefault(kind, Map.of()).get(key), json)) {
                changes.add(new MetadataListeners.Change(kind, key, json));
            }
        }));
        return changes;
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> from) {
        Map<String, Map<String, String>> next = new ConcurrentHashMap<>();
        from.forEach((k, r) -> next.put(k, new ConcurrentHashMap<>(r)));
        return next;
    }
}
