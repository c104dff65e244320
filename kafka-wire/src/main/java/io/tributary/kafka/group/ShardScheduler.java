package io.tributary.kafka.group;

import java.util.concurrent.Executor;

/**
 * The one thread a coordinator shard runs on, and its timer. Everything a shard does (requests,
 * timer expiries, completions of log writes) is a task here, so shard state needs no locks.
 * Production runs it on a scheduled executor; tests drive one by hand with a mock clock.
 */
public interface ShardScheduler extends Executor {
    /** A scheduled task that may be called off. */
    interface Cancellable {
        /** Stops the task from running, if it has not run yet. */
        void cancel();
    }

    /** Runs {@code task} on the shard's thread after {@code delayMs}. */
    Cancellable schedule(long delayMs, Runnable task);

    /** True when the caller runs on the shard's thread (for assertions). */
    boolean inShardThread();
}
