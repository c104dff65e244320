package io.tributary.logstore.time;

import java.util.concurrent.Future;

/**
 * Runs background tasks of the log store (retention checks, checkpoints, delayed file deletion,
 * producer-id expiry). Tasks run one at a time per thread; a task that throws is logged and, if
 * periodic, keeps its schedule.
 */
public interface Scheduler extends AutoCloseable {
    /** Runs {@code task} once after {@code delayMs}. */
    Future<?> scheduleOnce(String name, Runnable task, long delayMs);

    /** Runs {@code task} every {@code periodMs}, first after {@code initialDelayMs}. */
    Future<?> schedulePeriodic(String name, Runnable task, long initialDelayMs, long periodMs);

    /** Stops running tasks; pending delayed tasks are dropped. Waits for a running task to end. */
    @Override
    void close();
}
