package io.tributary.queues.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue's credit flow (RabbitMQ's, per destination): publishers are asked to pause while more
 * than {@link #HIGH} messages wait in the queue's mailbox, or while consumers are attached and the
 * backlog (ready + unacked) has grown by more than {@link #HIGH} above the lowest it has been since
 * they attached, so publishers are paced to the consumers and latency stays bounded. Without
 * consumers a backlog may grow freely: it is paged to disk.
 *
 * <p>{@link #submitted}, {@link #congested} are thread-safe; everything else runs on the queue's actor.
 */
public final class CreditFlow {
    /** Mailbox or backlog growth above which publishers are asked to pause. */
    public static final int HIGH = 2_000;
    /** They resume below this. */
    public static final int LOW = HIGH / 2;

    private final AtomicLong inbox = new AtomicLong();
    private final List<Runnable> waiters = new ArrayList<>();
    private volatile boolean paced;
    private long backlogFloor = Long.MAX_VALUE;

    /** A message was submitted to the actor (any thread). */
    public void submitted() {
        inbox.incrementAndGet();
    }

    /** The actor took a submitted message in. */
    public void taken() {
        inbox.decrementAndGet();
    }

    public boolean congested() {
        return inbox.get() > HIGH || paced;
    }

    private boolean clear() {
        return !paced && inbox.get() < LOW;
    }

    /** Runs {@code task} once publishers may go on (at once if they may now). On the actor. */
    public void whenClear(Runnable task, boolean gone) {
        if (gone || clear()) {
            task.run();
        } else {
            waiters.add(task);
        }
    }

    /**
     * Updates the pacing from the queue's state and releases waiting publishers when clear. On
     * the actor, at the end of each turn.
     *
     * @param gone the queue was deleted or closed: everyone goes
     */
    public void update(boolean gone, boolean consumers, long backlog) {
        if (gone || !consumers) {
            backlogFloor = Long.MAX_VALUE;
            paced = false;
        } else {
            backlogFloor = Math.min(backlogFloor, backlog);
            if (backlog > backlogFloor + HIGH) {
                paced = true;
            } else if (backlog < backlogFloor + LOW) {
                paced = false;
            }
        }
        if (!waiters.isEmpty() && (gone || clear())) {
            List<Runnable> go = List.copyOf(waiters);
            waiters.clear();
            go.forEach(Runnable::run);
        }
    }
}
