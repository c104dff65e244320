package io.tributary.logstore.segment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write the active segments' full write buffers to the page cache
 * ({@code log.writer.threads}), so that the appending thread validates and copies the next batches
 * while the last chunk's {@code pwrite} runs on another core. A file's chunks always go to the
 * same thread, in the order they were handed over, so each file is written front to back. With no
 * threads every chunk is written by the thread that filled it.
 *
 * <p>Thread-safe. {@link #close()} after every file that used it was closed (closing a file waits
 * for its chunks).
 */
public final class ChunkWriters implements AutoCloseable {
    /** No threads: chunks are written by the appending thread. */
    public static final ChunkWriters NONE = new ChunkWriters(0);

    private final ExecutorService[] threads;

    /** @param threads writer threads; 0 writes every chunk on the thread that filled it */
    public ChunkWriters(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("writer threads " + threads + " must not be negative");
        }
        this.threads = new ExecutorService[threads];
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "logstore-writer-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        for (int i = 0; i < threads; i++) {
            this.threads[i] = Executors.newSingleThreadExecutor(factory);
        }
    }

    /** False when chunks are written by the appending thread. */
    public boolean enabled() {
        return threads.length > 0;
    }

    /** Runs {@code write} on the thread of {@code file}, after the writes handed over for it before. */
    void submit(Object file, Runnable write) {
        threads[Math.floorMod(System.identityHashCode(file), threads.length)].execute(write);
    }

    /** Stops the threads once the writes handed over have run. */
    @Override
    public void close() {
        for (ExecutorService t : threads) {
            t.shutdown();
        }
        for (ExecutorService t : threads) {
            try {
                t.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
