package io.tributary.queues.store;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of {@link #SIZE} bytes shared by every queue store of a broker. A queue borrows one
 * for the length of an actor turn (to gather its appends into one write, or to read a chunk of its
 * journal) and gives it back at the end of the turn, so buffers in use are bounded by the number of
 * queue threads, not by the number of queues. Thread-safe.
 */
public final class BufferPool {
    public static final int SIZE = 256 * 1024;
    private static final int KEEP = 32;

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();

    ByteBuffer acquire() {
        ByteBuffer b = free.poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(SIZE);
        }
        kept.decrementAndGet();
        return b.clear();
    }

    void release(ByteBuffer b) {
        if (b != null && kept.incrementAndGet() <= KEEP) {
            free.offer(b);
        } else if (b != null) {
            kept.decrementAndGet();
        }
    }
}
