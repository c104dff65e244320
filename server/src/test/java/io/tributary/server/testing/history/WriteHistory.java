package io.tributary.server.testing.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the clients of a crash or failover test were told, recorded as it happens (thread-safe, so
 * producer callbacks and consumer threads can write to it): each write as sent, then acknowledged
 * (with the partition and offset the broker gave it) or failed (outcome unknown: it may or may not be
 * in the log); and each record consumers observed. {@link HistoryChecker} compares it with the log.
 *
 * <p>Values name their writer and its sequence, {@code "<writer>-<seq>"} (see {@link #value}), so
 * the checker can tell per-writer order and recognise records no one wrote.
 */
public final class WriteHistory {
    private final ConcurrentMap<String, Write> writes = new ConcurrentHashMap<>();
    private final List<Observation> observed = Collections.synchronizedList(new ArrayList<>());

    /** The value a writer sends as its {@code seq}-th write. */
    public static String value(String writer, long seq) {
        return writer + "-" + seq;
    }

    public void sent(String value) {
        writes.putIfAbsent(value, new Write(value, Write.State.SENT, -1, -1));
    }

    public void acked(String value, int partition, long offset) {
        writes.put(value, new Write(value, Write.State.ACKED, partition, offset));
    }

    public void failed(String value) {
        writes.computeIfPresent(value, (v, w) -> w.state() == Write.State.ACKED ? w : new Write(v, Write.State.FAILED, -1, -1));
    }

    /** A record a consumer was given. */
    public void observed(int partition, long offset, String value) {
        observed.add(new Observation(partition, offset, value));
    }

    List<Write> writes() {
        return List.copyOf(writes.values());
    }

    List<Observation> observations() {
        synchronized (observed) {
            return List.copyOf(observed);
        }
    }

    public long ackedCount() {
        return writes.values().stream().filter(w -> w.state() == Write.State.ACKED).count();
    }

    record Write(String value, State state, int partition, long offset) {
        enum State { SENT, ACKED, FAILED }
    }

    record Observation(int partition, long offset, String value) {
    }
}
