package io.tributary.queues.actor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An actor's mailbox: tasks submitted from any thread run one at a time, in submission order, on a
 * shared backing executor (an I/O event loop or a pool). State touched only from its tasks needs no
 * lock. A batch runs at most {@link #BATCH} tasks before yielding the thread to other actors.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SerialExecutor.class);
    static final int BATCH = 1024;

    private final Executor backing;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private volatile Thread running;

    public SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        if (scheduled.compareAndSet(false, true)) {
            backing.execute(drain);
        }
    }

    /** True when called from one of this actor's tasks. */
    public boolean inActor() {
        return running == Thread.currentThread();
    }

    private void drain() {
        running = Thread.currentThread();
        try {
            Runnable r;
            int n = 0;
            while (n++ < BATCH && (r = tasks.poll()) != null) {
                try {
                    r.run();
                } catch (RuntimeException | AssertionError e) {
                    LOGGER.error("Actor task failed", e);
                }
            }
        } finally {
            running = null;
            scheduled.set(false);
        }
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            backing.execute(drain);
        }
    }
}
