package io.tributary.kafka.producer;

import io.tributary.config.metadata.MetadataStore;
import java.util.concurrent.CompletableFuture;

/**
 * Hands out producer ids that are never reused, even across restarts: ids are reserved in blocks
 * whose end is written to the metadata store before any id of the block is given out (as Kafka's
 * controller allocates blocks of 1000). A restart starts with a fresh block, so at most one block
 * is skipped per restart.
 *
 * <p>Thread-safe; {@link #next()} never blocks: when a new block must be reserved, the future
 * completes once that reservation is durable.
 */
public final class ProducerIdManager {
    public static final String METADATA_KIND = "producer-ids";
    static final String KEY = "next-block";
    static final long BLOCK_SIZE = 1000;

    private final MetadataStore store;
    /** First id of the next block to reserve. */
    private long nextBlock;
    /** Next id to hand out, and the end (exclusive) of the current reserved block. */
    private long nextId;
    private long blockEnd;
    private CompletableFuture<Void> reserving;

    public ProducerIdManager(MetadataStore store) {
        this.store = store;
        String stored = store.list(METADATA_KIND).get(KEY);
        this.nextBlock = stored == null ? 0 : Long.parseLong(stored.trim());
        this.nextId = nextBlock;
        this.blockEnd = nextBlock;
    }

    /** The next unused producer id. */
    public synchronized CompletableFuture<Long> next() {
        if (nextId < blockEnd) {
            return CompletableFuture.completedFuture(nextId++);
        }
        if (reserving == null) {
            long start = nextBlock;
            long end = start + BLOCK_SIZE;
            nextBlock = end;
            reserving = store.put(METADATA_KIND, KEY, Long.toString(end)).whenComplete((v, e) -> reserved(start, end, e == null));
        }
        return reserving.thenCompose(v -> next());
    }

    private synchronized void reserved(long start, long end, boolean durable) {
        if (durable) {
            nextId = start;
            blockEnd = end;
        }
        reserving = null;
    }
}
