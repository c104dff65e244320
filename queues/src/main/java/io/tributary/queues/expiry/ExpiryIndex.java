package io.tributary.queues.expiry;

import io.tributary.logstore.time.Scheduler;
import io.tributary.queues.store.QueueEntry;
import java.util.PriorityQueue;
import java.util.concurrent.Future;

/**
 * Makes messages expire on time wherever they are in the queue (RabbitMQ expires per-message TTLs
 * only at the head). Most messages need nothing: when each message expires no earlier than those
 * ahead of it (a queue TTL), the head is always the next to expire. The few that would expire
 * before a message ahead of them are kept in a heap by expiry time. One timer, on the queue's
 * scheduler, wakes the queue's actor at the earliest expiry of either kind; the actor expires what
 * is due. Confined to the queue's actor, except the timer task, which only submits to it.
 */
public final class ExpiryIndex {
    private final PriorityQueue<QueueEntry> heap = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAt(), b.expiresAt()));
    private final Scheduler scheduler;
    private final Runnable onDue;
    private Future<?> timer;
    private long timerAt = Long.MAX_VALUE;

    /** @param onDue submits the queue's expiry run to its actor (called on a scheduler thread) */
    public ExpiryIndex(Scheduler scheduler, Runnable onDue) {
        this.scheduler = scheduler;
        this.onDue = onDue;
    }

    /** An entry whose expiry the head cannot tell. Entries stay until due, even if delivered meanwhile. */
    public void track(QueueEntry e) {
        heap.add(e);
    }

    /** The earliest tracked entry that is due before {@code now} and still ready, removed; or null. */
    public QueueEntry pollDue(long now) {
        while (!heap.isEmpty() && heap.peek().expiresAt() < now) {
            QueueEntry e = heap.poll();
            if (e.ready()) {
                return e;
            }
        }
        return null;
    }

    /** The earliest expiry among tracked entries that are still ready, or {@link Long#MAX_VALUE}. */
    public long earliest() {
        while (!heap.isEmpty() && !heap.peek().ready()) {
            heap.poll();
        }
        return heap.isEmpty() ? Long.MAX_VALUE : heap.peek().expiresAt();
    }

    /** Makes sure the timer fires by {@code at} (ms since the epoch); an earlier pending timer stays. */
    public void wakeAt(long at, long now) {
        if (at == Long.MAX_VALUE || (timer != null && timerAt <= at && !timer.isDone())) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = at;
        // a message expires once its time has passed: fire one millisecond after it
        timer = scheduler.scheduleOnce("queue-expiry", onDue, Math.max(0, at - now + 1));
    }

    /** The timer fired (on the actor): a new one may be set. */
    public void fired() {
        timer = null;
        timerAt = Long.MAX_VALUE;
    }

    public void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        heap.clear();
    }
}
