package io.tributary.logstore.time;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Scheduler} on a small pool of daemon threads. */
public final class ExecutorScheduler implements Scheduler {
    private static final Logger LOGGER = LoggerFactory.getLogger(ExecutorScheduler.class);
    private final ScheduledThreadPoolExecutor executor;

    public ExecutorScheduler(String threadNamePrefix, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, threadNamePrefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Future<?> scheduleOnce(String name, Runnable task, long delayMs) {
        return executor.schedule(guarded(name, task), Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    }

    @Override
    public Future<?> schedulePeriodic(String name, Runnable task, long initialDelayMs, long periodMs) {
        return executor.scheduleWithFixedDelay(guarded(name, task), Math.max(0, initialDelayMs), periodMs, TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOGGER.error("Background task {} failed", name, e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
