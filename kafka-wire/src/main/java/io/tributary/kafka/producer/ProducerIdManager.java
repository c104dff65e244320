package io.tributary.kafka.producer;

import io.tributary.config.metadata.MetadataStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hands out producer ids that are never reused, even across restarts and across the nodes of a
 * cluster: ids are reserved in blocks of 1000 (as Kafka's controller allocates them), each block
 * claimed with a put-if-absent of its own record ({@code block-<first id>}) before any id of it is
 * given out, so two nodes sharing a Raft metadata group can never hold the same block. A restart
 * starts with a fresh block, so at most one block is skipped per restart.
 *
 * <p>{@code next-block} is a hint (where to start looking), written after each claim; stores from
 * before per-block claims hold only the hint, which is where claiming resumes.
 *
 * <p>Thread-safe; {@link #next()} never blocks: when a new block must be reserved, the future
 * completes once that reservation is durable (committed by the quorum in a cluster).
 */
public final class ProducerIdManager {
    public static final String METADATA_KIND = "producer-ids";
    static final String KEY = "next-block";
    static final String BLOCK_PREFIX = "block-";
    static final long BLOCK_SIZE = 1000;

    private final MetadataStore store;
    /** First id of the next block to try to claim. */
    private long nextBlock;
    /** Next id to hand out, and the end (exclusive) of the current reserved block. */
    private long nextId;
    private long blockEnd;
    private CompletableFuture<Void> reserving;

    public ProducerIdManager(MetadataStore store) {
        this.store = store;
        this.nextBlock = firstUnclaimed(store.list(METADATA_KIND));
        this.nextId = nextBlock;
        this.blockEnd = nextBlock;
    }

    /** Past the hint and past every block any node has claimed. */
    static long firstUnclaimed(Map<String, String> records) {
        long next = 0;
        for (Map.Entry<String, String> r : records.entrySet()) {
            if (r.getKey().equals(KEY) || r.getKey().startsWith(BLOCK_PREFIX)) {
                next = Math.max(next, Long.parseLong(r.getValue().trim()));
            }
        }
        return next;
    }

    /** The next unused producer id. */
    public synchronized CompletableFuture<Long> next() {
        if (nextId < blockEnd) {
            return CompletableFuture.completedFuture(nextId++);
        }
        CompletableFuture<Void> pending = reserving;
        if (pending == null) {
            // set before claiming: a store that answers at once completes the claim inside claim()
            CompletableFuture<Void> started = new CompletableFuture<>();
            reserving = started;
            pending = started;
            claim(nextBlock).whenComplete((start, e) -> {
                reserved(start, e == null);
                if (e == null) {
                    started.complete(null);
                } else {
                    started.completeExceptionally(e); // InitProducerId answers an error; the client retries
                }
            });
        }
        return pending.thenCompose(v -> next());
    }

    /** Claims the first free block at or after {@code start}; completes with its first id. */
    private CompletableFuture<Long> claim(long start) {
        long end = start + BLOCK_SIZE;
        return store.putIfAbsent(METADATA_KIND, BLOCK_PREFIX + start, Long.toString(end)).thenCompose(won -> won
                ? store.put(METADATA_KIND, KEY, Long.toString(end)).thenApply(v -> start)
                : claim(end)); // another node holds it: try the next
    }

    private synchronized void reserved(Long start, boolean durable) {
        if (durable) {
            nextId = start;
            blockEnd = start + BLOCK_SIZE;
            nextBlock = blockEnd;
        }
        reserving = null;
    }
}
