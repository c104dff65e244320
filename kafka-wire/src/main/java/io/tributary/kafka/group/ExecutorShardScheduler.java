package io.tributary.kafka.group;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ShardScheduler} on one thread of a {@link ScheduledExecutorService}. Shards share a few
 * such threads; a shard always uses the same one. After shutdown, execute refuses tasks and
 * scheduled ones are dropped.
 */
public final class ExecutorShardScheduler implements ShardScheduler {
    private static final Logger LOGGER = LoggerFactory.getLogger(ExecutorShardScheduler.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    public ExecutorShardScheduler(String threadName) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** @throws RejectedExecutionException once shut down */
    @Override
    public void execute(Runnable task) {
        executor.execute(() -> runLogged(task));
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        try {
            Future<?> f = executor.schedule(() -> runLogged(task), delayMs, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    @Override
    public boolean inShardThread() {
        return Thread.currentThread() == thread;
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOGGER.error("Group coordinator task failed", e);
        }
    }

    /** Stops the thread once the tasks already queued have run; delayed tasks are dropped. */
    public void shutdown() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
