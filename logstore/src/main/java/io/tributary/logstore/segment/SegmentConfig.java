package io.tributary.logstore.segment;

/**
 * The settings a log's segments read at the moment they need them; the owning log updates them
 * when its topic's configuration changes, and every segment of the log sees the change.
 */
public final class SegmentConfig {
    private volatile int indexIntervalBytes;
    private volatile int maxIndexSize;
    private final WriteBufferPool writeBuffers;

    public SegmentConfig(int indexIntervalBytes, int maxIndexSize, WriteBufferPool writeBuffers) {
        this.writeBuffers = writeBuffers;
        update(indexIntervalBytes, maxIndexSize);
    }

    public void update(int indexIntervalBytes, int maxIndexSize) {
        this.indexIntervalBytes = indexIntervalBytes;
        this.maxIndexSize = maxIndexSize;
    }

    /** Bytes of batches between two offset-index entries ({@code index.interval.bytes}). */
    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    /** Size the active segment's index files are preallocated to ({@code segment.index.bytes}). */
    public int maxIndexSize() {
        return maxIndexSize;
    }

    /** Where the active segment's {@code .log} file gathers its appends ({@code log.write.buffer.bytes}). */
    public WriteBufferPool writeBuffers() {
        return writeBuffers;
    }
}
