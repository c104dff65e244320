package io.tributary.server.testing.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Jepsen-style check of a {@link WriteHistory} against the final contents of the log: every
 * acknowledged write is in the log exactly once, where its acknowledgement said; each writer's
 * writes appear in the order they were sent (per partition); nothing appears that no one wrote;
 * what consumers saw is what the log holds at those offsets; and, if asked, consumers saw every
 * record. Writes with an unknown outcome may be present (once) or absent.
 */
public final class HistoryChecker {
    private HistoryChecker() {
    }

    /** Checks without requiring consumers to have read everything. */
    public static HistoryReport check(WriteHistory history, List<LogRecord> log) {
        return check(history, log, false);
    }

    public static HistoryReport check(WriteHistory history, List<LogRecord> log, boolean consumersReadEverything) {
        Map<String, List<LogRecord>> byValue = new HashMap<>();
        Map<Integer, Map<Long, String>> byOffset = new HashMap<>();
        for (LogRecord r : log) {
            byValue.computeIfAbsent(r.value(), v -> new ArrayList<>()).add(r);
            byOffset.computeIfAbsent(r.partition(), p -> new HashMap<>()).put(r.offset(), r.value());
        }
        Map<String, WriteHistory.Write> writes = new HashMap<>();
        history.writes().forEach(w -> writes.put(w.value(), w));

        List<String> lost = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        long acked = 0;
        long unknown = 0;
        long unknownPresent = 0;
        for (WriteHistory.Write w : writes.values()) {
            List<LogRecord> found = byValue.getOrDefault(w.value(), List.of());
            if (w.state() == WriteHistory.Write.State.ACKED) {
                acked++;
                if (found.isEmpty()) {
                    lost.add(w.value() + "@" + w.partition() + ":" + w.offset());
                } else if (found.stream().noneMatch(r -> r.partition() == w.partition() && r.offset() == w.offset())) {
                    moved.add(w.value() + " acked at " + w.partition() + ":" + w.offset() + ", found at " + found);
                }
            } else {
                unknown++;
                unknownPresent += found.isEmpty() ? 0 : 1;
            }
        }
        List<String> duplicated = new ArrayList<>();
        List<String> phantoms = new ArrayList<>();
        byValue.forEach((value, found) -> {
            if (found.size() > 1) {
                duplicated.add(value + " x" + found.size());
            }
            if (!writes.containsKey(value)) {
                phantoms.add(value + "@" + found.get(0).partition() + ":" + found.get(0).offset());
            }
        });
        return new HistoryReport(acked, unknown, unknownPresent, lost, duplicated, moved, reordered(log), phantoms,
                divergentReads(history, byOffset), consumersReadEverything ? unread(history, log) : List.of());
    }

    /** Within a partition, a writer's sequence numbers must rise with the offset. */
    private static List<String> reordered(List<LogRecord> log) {
        Map<String, LogRecord> lastByWriterAndPartition = new HashMap<>();
        List<String> reordered = new ArrayList<>();
        log.stream().sorted((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset())).forEach(r -> {
                    int dash = r.value().lastIndexOf('-');
                    if (dash < 0) {
                        return;
                    }
                    String key = r.partition() + "/" + r.value().substring(0, dash);
                    LogRecord last = lastByWriterAndPartition.put(key, r);
                    if (last != null && seq(last) >= seq(r)) {
                        reordered.add(last.value() + "@" + last.offset() + " before " + r.value() + "@" + r.offset());
                    }
                });
        return reordered;
    }

    private static long seq(LogRecord r) {
        try {
            return Long.parseLong(r.value().substring(r.value().lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> divergentReads(WriteHistory history, Map<Integer, Map<Long, String>> byOffset) {
        List<String> divergent = new ArrayList<>();
        for (WriteHistory.Observation o : history.observations()) {
            String inLog = byOffset.getOrDefault(o.partition(), Map.of()).get(o.offset());
            if (!o.value().equals(inLog)) {
                divergent.add(o.partition() + ":" + o.offset() + " read " + o.value() + ", log has " + inLog);
            }
        }
        return divergent;
    }

    private static List<String> unread(WriteHistory history, List<LogRecord> log) {
        Map<Integer, Set<Long>> seen = new HashMap<>();
        history.observations().forEach(o -> seen.computeIfAbsent(o.partition(), p -> new HashSet<>()).add(o.offset()));
        List<String> unread = new ArrayList<>();
        for (LogRecord r : log) {
            if (!seen.getOrDefault(r.partition(), Set.of()).contains(r.offset())) {
                unread.add(r.value() + "@" + r.partition() + ":" + r.offset());
            }
        }
        return unread;
    }
}
