package io.tributary.logstore.property;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a log should serve, kept the simple way: every record that is still expected, in offset
 * order, and the log's start and end offsets. Compaction is modelled by its definition, not by its
 * implementation: below the compacted offset only the latest record of each key remains, and a
 * tombstone goes once {@code delete.retention.ms} has passed since the first compaction that kept it.
 */
final class LogModel {
    /** One expected record. */
    static final class Rec {
        final long offset;
        final String key;
        final String value;
        /** When a compaction first kept this record (a tombstone's countdown starts there), -1 before. */
        long keptByCompactionAtMs = -1;

        Rec(long offset, String key, String value) {
            this.offset = offset;
            this.key = key;
            this.value = value;
        }

        @Override
        public String toString() {
            return offset + ":" + key + "=" + value;
        }
    }

    final List<Rec> records = new ArrayList<>();
    long start;
    long end;
    /** Coverage: records compaction removed, and tombstones among them removed for their age. */
    int compactedAway;
    int expiredTombstones;

    void append(long offset, String key, String value) {
        records.add(new Rec(offset, key, value));
        end = offset + 1;
    }

    /** Truncation to {@code newEnd}, or recovery cutting the log there. */
    void truncateTo(long newEnd) {
        records.removeIf(r -> r.offset >= newEnd);
        end = newEnd;
    }

    void deleteBefore(long newStart) {
        records.removeIf(r -> r.offset < newStart);
        start = newStart;
    }

    /** A compaction of everything below {@code upTo} at {@code nowMs}. */
    void compact(long upTo, long nowMs, long deleteRetentionMs) {
        Map<String, Long> latest = new HashMap<>();
        for (Rec r : records) {
            if (r.offset < upTo) {
                latest.put(r.key, r.offset);
            }
        }
        Iterator<Rec> it = records.iterator();
        while (it.hasNext()) {
            Rec r = it.next();
            if (r.offset >= upTo) {
                break;
            }
            boolean superseded = latest.get(r.key) != r.offset;
            boolean expiredTombstone = r.value == null && r.keptByCompactionAtMs >= 0 && nowMs >= r.keptByCompactionAtMs + deleteRetentionMs;
            if (superseded || expiredTombstone) {
                it.remove();
                compactedAway++;
                expiredTombstones += !superseded && expiredTombstone ? 1 : 0;
            } else if (r.keptByCompactionAtMs < 0) {
                r.keptByCompactionAtMs = nowMs;
            }
        }
    }

    /** The expected records as {@code offset:key=value} lines. */
    List<String> lines() {
        List<String> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(r.toString()));
        return out;
    }
}
