package io.tributary.kafka.group;

import io.tributary.logstore.time.Time;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A shard thread and clock driven by the test: tasks run when the test calls {@link #runAll()},
 * timers when it {@link #advance advances} the clock. Deterministic: no thread, no sleeping.
 */
public final class ManualScheduler implements ShardScheduler, Time {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long nowMs = 1_700_000_000_000L;
    private long seq;

    private static final class Timed {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Timed(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        Timed t = new Timed(nowMs + delayMs, seq++, task);
        timers.add(t);
        return () -> t.cancelled = true;
    }

    /** The test's thread plays the shard's thread. */
    @Override
    public boolean inShardThread() {
        return true;
    }

    /** Runs queued tasks (and what they queue) until none is left. */
    public void runAll() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    /** Moves the clock forward, running every timer that comes due (in order) and the tasks they queue. */
    public void advance(long ms) {
        long target = nowMs + ms;
        runAll();
        while (!timers.isEmpty() && timers.peek().at <= target) {
            Timed t = timers.poll();
            nowMs = Math.max(nowMs, t.at);
            if (!t.cancelled) {
                t.task.run();
            }
            runAll();
        }
        nowMs = target;
    }

    @Override
    public long milliseconds() {
        return nowMs;
    }

    @Override
    public long nanoseconds() {
        return nowMs * 1_000_000L;
    }
}
