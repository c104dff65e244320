package io.tributary.server.testing.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients of a queue failover test were told, recorded as it happens (thread-safe):
 * each message as published, then confirmed by the broker (publisher confirm) or left unknown (the
 * connection died before its confirm came, or it was nacked); and each delivery a consumer
 * acknowledged. {@link #check} is the verdict for a queue's at-least-once contract: every
 * confirmed message delivered, nothing delivered that no one published; redeliveries are counted,
 * not failures (a consumer that dies before its ack was sent is redelivered to, by design).
 */
public final class QueueHistory {
    private final Map<String, Boolean> published = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> delivered = new ConcurrentHashMap<>();

    public void published(String body) {
        published.putIfAbsent(body, false);
    }

    public void confirmed(String body) {
        published.put(body, true);
    }

    /** A delivery the consumer acknowledged. */
    public void delivered(String body) {
        delivered.computeIfAbsent(body, b -> new AtomicLong()).incrementAndGet();
    }

    public long confirmedCount() {
        return published.values().stream().filter(c -> c).count();
    }

    public long deliveredCount() {
        return delivered.size();
    }

    /** Confirmed messages no consumer has acknowledged yet. */
    public long undelivered() {
        return published.entrySet().stream().filter(e -> e.getValue() && !delivered.containsKey(e.getKey())).count();
    }

    public Report check() {
        List<String> lost = new ArrayList<>();
        long unknown = 0;
        long unknownDelivered = 0;
        for (Map.Entry<String, Boolean> e : published.entrySet()) {
            boolean got = delivered.containsKey(e.getKey());
            if (e.getValue()) {
                if (!got) {
                    lost.add(e.getKey());
                }
            } else {
                unknown++;
                if (got) {
                    unknownDelivered++;
                }
            }
        }
        List<String> phantoms = new ArrayList<>();
        long redelivered = 0;
        for (Map.Entry<String, AtomicLong> e : delivered.entrySet()) {
            if (!published.containsKey(e.getKey())) {
                phantoms.add(e.getKey());
            }
            redelivered += e.getValue().get() - 1;
        }
        lost.sort(null);
        phantoms.sort(null);
        return new Report(confirmedCount(), unknown, unknownDelivered, redelivered, lost, phantoms);
    }

    /**
     * @param confirmed messages the broker confirmed
     * @param unknown published messages never confirmed (either outcome is fine)
     * @param unknownDelivered how many of those were delivered
     * @param redelivered acknowledged deliveries beyond the first of a message (at least once)
     * @param lost confirmed messages never delivered
     * @param phantoms deliveries of messages no one published
     */
    public record Report(long confirmed, long unknown, long unknownDelivered, long redelivered, List<String> lost, List<String> phantoms) {
        public boolean valid() {
            return lost.isEmpty() && phantoms.isEmpty();
        }

        @Override
        public String toString() {
            return "confirmed=" + confirmed + " unknown=" + unknown + " (delivered " + unknownDelivered + ") redelivered=" + redelivered
                    + " lost=" + lost.size() + sample(lost) + " phantoms=" + phantoms.size() + sample(phantoms);
        }

        private static String sample(List<String> items) {
            return items.isEmpty() ? "" : " " + items.subList(0, Math.min(5, items.size()));
        }
    }
}
