package io.tributary.logstore.flush;

import io.tributary.logstore.time.Time;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flusher threads. An append wakes its log's flusher; the flusher asks the log when it wants to be
 * flushed ({@link FlushableLog#nextFlushNanos}), flushes it when due, or keeps it on a timer.
 * While one fsync runs, further appends pile up and the next fsync covers them all.
 */
public final class LogFlusher implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(LogFlusher.class);

    private final Worker[] workers;

    public LogFlusher(int threads, Time time) {
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker("log-flusher-" + i, time);
            workers[i].thread.start();
        }
    }

    /** Tells the log's flusher that it has new appends (or a forced flush). Never blocks. */
    public void wake(FlushableLog log) {
        if (log.flushQueued().compareAndSet(false, true)) {
            Worker w = workers[Math.floorMod(log.flusherAffinity(), workers.length)];
            w.incoming.add(log);
            LockSupport.unpark(w.thread);
        }
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.running = false;
            LockSupport.unpark(w.thread);
        }
        for (Worker w : workers) {
            try {
                w.thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final class Worker implements Runnable {
        private record Timer(long dueNanos, FlushableLog log) {
        }

        final Thread thread;
        final ConcurrentLinkedQueue<FlushableLog> incoming = new ConcurrentLinkedQueue<>();
        private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos(), b.dueNanos()));
        /** The earliest timer pending per log, so that a busy log holds one timer, not one per append. */
        private final Map<FlushableLog, Long> scheduled = new HashMap<>();
        private final Time time;
        volatile boolean running = true;

        Worker(String name, Time time) {
            this.time = time;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            Set<FlushableLog> due = new LinkedHashSet<>();
            while (running) {
                FlushableLog log;
                while ((log = incoming.poll()) != null) {
                    log.flushQueued().set(false);
                    due.add(log);
                }
                long now = time.nanoseconds();
                while (!timers.isEmpty() && timers.peek().dueNanos() <= now) {
                    Timer t = timers.poll();
                    Long pending = scheduled.get(t.log());
                    if (pending != null && pending == t.dueNanos()) {
                        scheduled.remove(t.log());
                    }
                    due.add(t.log());
                }
                for (FlushableLog l : drain(due)) {
                    flushIfDue(l, now);
                }
                if (incoming.isEmpty() && running) {
                    Timer next = timers.peek();
                    long waitNanos = next == null ? 100_000_000L : Math.min(100_000_000L, next.dueNanos() - time.nanoseconds());
                    if (waitNanos > 0) {
                        LockSupport.parkNanos(this, waitNanos);
                    }
                }
            }
        }

        private static List<FlushableLog> drain(Set<FlushableLog> due) {
            List<FlushableLog> out = new ArrayList<>(due);
            due.clear();
            return out;
        }

        private void flushIfDue(FlushableLog log, long now) {
            try {
                long dueAt = log.nextFlushNanos(now);
                if (dueAt <= now) {
                    log.flush();
                } else if (dueAt != Long.MAX_VALUE) {
                    Long pending = scheduled.get(log);
                    if (pending == null || dueAt < pending) {
                        scheduled.put(log, dueAt);
                        timers.add(new Timer(dueAt, log));
                    }
                }
            } catch (RuntimeException e) {
                LOGGER.error("Flushing {} failed", log, e);
            }
        }
    }
}
