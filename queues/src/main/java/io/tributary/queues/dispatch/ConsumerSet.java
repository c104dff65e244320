package io.tributary.queues.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * A queue's consumers in the order they subscribed. Normally deliveries go round-robin to whoever
 * has room; with {@code x-single-active-consumer} only the first (the active one) gets any, and
 * when it goes the next in line takes over. Confined to the queue's actor.
 */
public final class ConsumerSet {
    private final boolean singleActive;
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private int roundRobin;
    private boolean exclusive;

    public ConsumerSet(boolean singleActive) {
        this.singleActive = singleActive;
    }

    /** @return false when an exclusive consumer holds the queue, or one asks for exclusivity of a used queue */
    public boolean add(QueueConsumer c, boolean exclusiveUse) {
        if (exclusive || (exclusiveUse && !consumers.isEmpty())) {
            return false;
        }
        consumers.add(c);
        exclusive = exclusiveUse;
        return true;
    }

    public boolean remove(QueueConsumer c) {
        int i = consumers.indexOf(c);
        if (i < 0) {
            return false;
        }
        consumers.remove(i);
        exclusive = false;
        if (i < roundRobin) {
            roundRobin--;
        }
        return true;
    }

    public boolean isEmpty() {
        return consumers.isEmpty();
    }

    public int size() {
        return consumers.size();
    }

    /** The consumer that would get deliveries now under single-active-consumer, or null. */
    public QueueConsumer active() {
        return consumers.isEmpty() ? null : consumers.get(0);
    }

    /** A consumer that reserved room for one delivery, or null when none has room. */
    public QueueConsumer nextWithRoom() {
        int n = consumers.size();
        if (n == 0) {
            return null;
        }
        if (singleActive) {
            QueueConsumer c = consumers.get(0);
            return c.tryReserve() ? c : null;
        }
        for (int i = 0; i < n; i++) {
            int idx = (roundRobin + i) % n;
            QueueConsumer c = consumers.get(idx);
            if (c.tryReserve()) {
                roundRobin = (idx + 1) % n;
                return c;
            }
        }
        return null;
    }

    /** Removes and returns everyone (the queue was deleted). */
    public List<QueueConsumer> clear() {
        List<QueueConsumer> gone = List.copyOf(consumers);
        consumers.clear();
        exclusive = false;
        return gone;
    }

    public List<QueueConsumer> snapshot() {
        return new ArrayList<>(consumers);
    }
}
