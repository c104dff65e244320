package io.tributary.queues.testing;

import io.tributary.logstore.time.Scheduler;
import io.tributary.logstore.time.Time;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A clock and timer that move only when a test says so; due tasks run on the test's thread. */
public final class ManualClock implements Time, Scheduler {
    private record Task(long due, long seq, Runnable task, CompletableFuture<Void> handle) {
    }

    private long now = 1_700_000_000_000L;
    private long seq;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due)
            : Long.compare(a.seq, b.seq));

    @Override
    public synchronized long milliseconds() {
        return now;
    }

    @Override
    public long nanoseconds() {
        return milliseconds() * 1_000_000L;
    }

    @Override
    public synchronized Future<?> scheduleOnce(String name, Runnable task, long delayMs) {
        CompletableFuture<Void> h = new CompletableFuture<>();
        tasks.add(new Task(now + Math.max(0, delayMs), seq++, task, h));
        return h;
    }

    @Override
    public Future<?> schedulePeriodic(String name, Runnable task, long initialDelayMs, long periodMs) {
        throw new UnsupportedOperationException();
    }

    /** Moves time forward, running each task as its time comes. */
    public void advance(long ms) {
        long target;
        synchronized (this) {
            target = now + ms;
        }
        for (;;) {
            Task t;
            synchronized (this) {
                Task head = tasks.peek();
                if (head == null || head.due > target) {
                    now = target;
                    return;
                }
                t = tasks.poll();
                now = Math.max(now, t.due);
            }
            if (!t.handle.isCancelled()) {
                t.task.run();
                t.handle.complete(null);
            }
        }
    }

    @Override
    public void close() {
    }
}
