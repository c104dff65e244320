package io.tributary.amqp.v10.link;

import io.tributary.queues.store.QueueEntry;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * How often a queue entry's delivery failed ({@code modified} with {@code delivery-failed}), which
 * becomes the header's {@code delivery-count} on redelivery. Keyed weakly by entry identity, so an
 * entry that leaves its queue is forgotten. Shared by all connections; thread-safe.
 */
final class DeliveryFailures {
    private static final Map<QueueEntry, Integer> FAILURES = new WeakHashMap<>();

    private DeliveryFailures() {
    }

    static synchronized int of(QueueEntry e) {
        Integer n = FAILURES.get(e);
        return n == null ? 0 : n;
    }

    static synchronized void increment(QueueEntry e) {
        FAILURES.merge(e, 1, Integer::sum);
    }
}
