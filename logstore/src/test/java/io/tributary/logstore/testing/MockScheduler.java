package io.tributary.logstore.testing;

import io.tributary.logstore.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Runs tasks when a {@link MockTime} reaches their due time, on the thread that advanced it. */
public final class MockScheduler implements Scheduler {
    private record Task(long dueMs, long seq, String name, Runnable task, long periodMs, CompletableFuture<Void> handle) {
    }

    private final MockTime time;
    private final AtomicLong seq = new AtomicLong();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueMs() != b.dueMs()
            ? Long.compare(a.dueMs(), b.dueMs()) : Long.compare(a.seq(), b.seq()));
    private boolean closed;

    public MockScheduler(MockTime time) {
        this.time = time;
        time.attach(this);
    }

    @Override
    public synchronized Future<?> scheduleOnce(String name, Runnable task, long delayMs) {
        return add(name, task, delayMs, -1);
    }

    @Override
    public synchronized Future<?> schedulePeriodic(String name, Runnable task, long initialDelayMs, long periodMs) {
        return add(name, task, initialDelayMs, periodMs);
    }

    private Future<?> add(String name, Runnable task, long delayMs, long periodMs) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        if (!closed) {
            tasks.add(new Task(time.milliseconds() + Math.max(0, delayMs), seq.incrementAndGet(), name, task, periodMs, handle));
        }
        return handle;
    }

    /** Runs the due tasks (tasks scheduled with no delay run at the next tick). */
    public void tick() {
        while (true) {
            Task t;
            synchronized (this) {
                Task head = tasks.peek();
                if (head == null || head.dueMs() > time.milliseconds()) {
                    return;
                }
                t = tasks.poll();
                if (t.handle().isCancelled()) {
                    continue;
                }
                if (t.periodMs() > 0) {
                    tasks.add(new Task(time.milliseconds() + t.periodMs(), seq.incrementAndGet(), t.name(), t.task(), t.periodMs(), t.handle()));
                }
            }
            t.task().run();
            if (t.periodMs() <= 0) {
                t.handle().complete(null);
            }
        }
    }

    public synchronized List<String> pendingTaskNames() {
        List<String> names = new ArrayList<>();
        tasks.forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.clear();
    }
}
