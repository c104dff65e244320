package io.tributary.queues.expiry;

import io.tributary.logstore.time.Scheduler;
import io.tributary.logstore.time.Time;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * {@code x-expires}: a queue unused for that long is deleted. Used means having consumers, a
 * {@code basic.get}, or being declared again; the lease runs while the queue has no consumers. One
 * timer on the queue's scheduler; the check runs on the queue's actor. Actor-confined.
 */
public final class QueueLease {
    private final long expiresMs;
    private final Time time;
    private final Scheduler scheduler;
    private final Executor actor;
    private final BooleanSupplier idle;
    private final Runnable expire;
    private long lastUsed;
    private Future<?> timer;
    private boolean stopped;

    /**
     * @param expiresMs {@code x-expires}; 0 or less for none
     * @param idle true when the queue has no consumers (evaluated on the actor)
     * @param expire deletes the queue (called on the actor)
     */
    public QueueLease(long expiresMs, Time time, Scheduler scheduler, Executor actor, BooleanSupplier idle, Runnable expire) {
        this.expiresMs = expiresMs;
        this.time = time;
        this.scheduler = scheduler;
        this.actor = actor;
        this.idle = idle;
        this.expire = expire;
        this.lastUsed = time.milliseconds();
    }

    /** The queue was used now; restarts the lease if it has no consumers. */
    public void used() {
        lastUsed = time.milliseconds();
        schedule();
    }

    /** (Re)arms the timer while the queue is idle. */
    public void schedule() {
        if (expiresMs <= 0 || stopped) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (idle.getAsBoolean()) {
            timer = scheduler.scheduleOnce("queue-expires", () -> actor.execute(this::check), lastUsed + expiresMs - time.milliseconds());
        }
    }

    private void check() {
        timer = null;
        if (stopped || !idle.getAsBoolean()) {
            return;
        }
        if (time.milliseconds() >= lastUsed + expiresMs) {
            stopped = true;
            expire.run();
        } else {
            schedule();
        }
    }

    public void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
