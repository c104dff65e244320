package io.tributary.logstore.segment;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct buffers in which active segments gather their appends ({@code log.write.buffer.bytes}
 * each), shared by every log of a log manager. A segment takes one when an append finds it without,
 * and gives it back when a flush or a roll has written it out, so memory follows the partitions
 * written to since their last fsync, not the number of partitions. At most {@code maxIdle} buffers
 * wait here; more are left to the garbage collector. At most {@link #MAX_TOTAL_BYTES} of buffers are
 * handed out at a time: a segment that finds none left writes its appends at once, unbuffered, so
 * many partitions under a lazy flush policy cannot exhaust direct memory. Full buffers are written
 * by its {@link ChunkWriters}.
 *
 * <p>Thread-safe.
 */
public final class WriteBufferPool {
    /** Appends are written to the file in chunks that end on a boundary of this many bytes. */
    public static final int PAGE_SIZE = 4096;
    /** No buffering: every append is one positional write. */
    public static final WriteBufferPool NONE = new WriteBufferPool(0, 0);
    /** Bytes of buffers in use at most, over all logs. */
    public static final long MAX_TOTAL_BYTES = 64L << 20;

    private final int bufferBytes;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger inUse = new AtomicInteger();
    private final int maxInUse;
    private final ChunkWriters writers;

    /**
     * @param bufferBytes bytes per buffer, rounded up to a multiple of {@link #PAGE_SIZE}; 0 disables buffering
     * @param maxIdle buffers kept for reuse
     */
    public WriteBufferPool(int bufferBytes, int maxIdle) {
        this(bufferBytes, maxIdle, ChunkWriters.NONE);
    }

    /** A pool whose full buffers {@code writers} write (the appending thread when it has no threads). */
    public WriteBufferPool(int bufferBytes, int maxIdle, ChunkWriters writers) {
        this(bufferBytes, maxIdle, MAX_TOTAL_BYTES, writers);
    }

    WriteBufferPool(int bufferBytes, int maxIdle, long maxTotalBytes) {
        this(bufferBytes, maxIdle, maxTotalBytes, ChunkWriters.NONE);
    }

    WriteBufferPool(int bufferBytes, int maxIdle, long maxTotalBytes, ChunkWriters writers) {
        this.writers = writers;
        if (bufferBytes < 0 || maxIdle < 0) {
            throw new IllegalArgumentException("bufferBytes " + bufferBytes + " and maxIdle " + maxIdle + " must not be negative");
        }
        this.bufferBytes = (int) Math.min(1 << 30, ((long) bufferBytes + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE);
        this.maxIdle = maxIdle;
        this.maxInUse = this.bufferBytes == 0 ? 0 : (int) Math.max(1, maxTotalBytes / this.bufferBytes);
    }

    /** False when appends go straight to the file. */
    public boolean enabled() {
        return bufferBytes > 0;
    }

    public int bufferBytes() {
        return bufferBytes;
    }

    /** Who writes a file's full buffers. */
    ChunkWriters writers() {
        return writers;
    }

    /** An empty buffer of {@link #bufferBytes()}, or null when {@link #MAX_TOTAL_BYTES} are in use. */
    ByteBuffer take() {
        if (inUse.incrementAndGet() > maxInUse) {
            inUse.decrementAndGet();
            return null;
        }
        ByteBuffer b = idle.poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(bufferBytes);
        }
        idleCount.decrementAndGet();
        return b;
    }

    /** Returns a buffer that is no longer used. */
    void give(ByteBuffer b) {
        inUse.decrementAndGet();
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.add(b.clear());
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** Buffers handed out and not given back. */
    public int buffersInUse() {
        return inUse.get();
    }

    /** Buffers waiting for reuse (for tests). */
    public int idleBuffers() {
        return idleCount.get();
    }
}
