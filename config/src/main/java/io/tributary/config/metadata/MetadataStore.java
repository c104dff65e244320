package io.tributary.config.metadata;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The durable store of definitions that must survive restarts: Kafka topics, exchanges, queues,
 * bindings, users, policies. Records are grouped by kind and addressed by key; the value is a JSON
 * document owned by the module that writes it.
 *
 * <p>A write's future completes once the change is durable (fsynced on one node; committed by the
 * quorum in a cluster). Reads see every completed write. Implementations are thread-safe; callers on
 * an event loop must not block on the futures.
 *
 * <p>Listeners ({@link #addListener}) hear of every change applied to the store, whichever node of
 * a cluster made it (this node's own writes too, once each), after it was applied, in apply order, on
 * one listener thread per store. A module that keeps records in memory follows other nodes' changes
 * from there; on hearing of a key it should read the store's current value ({@link #get}), which is
 * never older than the change it was told about.
 */
public interface MetadataStore extends AutoCloseable {
    /** Every record of one kind, key to JSON, in key order. */
    Map<String, String> list(String kind);

    /** One record's JSON, or null when there is none. */
    default String get(String kind, String key) {
        return list(kind).get(key);
    }

    /**
     * Completes once this node's records, and what its listeners were told, hold every change
     * completed anywhere before the call: the barrier a node passes before it says that something
     * another node may just have declared does not exist. At once where this store is the only copy.
     */
    default CompletableFuture<Void> catchUp() {
        return CompletableFuture.completedFuture(null);
    }

    /** Creates or replaces a record. */
    CompletableFuture<Void> put(String kind, String key, String json);

    /**
     * Creates a record only if its key is not there yet, decided where changes are applied in order
     * (in a cluster: by the Raft log, so of several nodes racing exactly one wins).
     *
     * @return a future of whether this call created the record; then, as after any write, {@link #get}
     *     returns the record that is there (this one or the one that was first)
     */
    CompletableFuture<Boolean> putIfAbsent(String kind, String key, String json);

    /**
     * Replaces a record only if its current JSON is exactly {@code expectedJson} (null: only if absent),
     * decided where changes are applied in order (in a cluster: by the Raft log, so of several nodes
     * replacing the same JSON exactly one wins). A write whose expectation held but whose JSON is the
     * one already there counts as written and, changing nothing, is not heard by listeners.
     *
     * @return a future of whether the record was written; after it, {@link #get} returns the record
     *     that is there (this one, or the newer one that made the comparison fail)
     */
    CompletableFuture<Boolean> compareAndPut(String kind, String key, String expectedJson, String json);

    /**
     * {@link #putIfAbsent} of several records of one kind, as one change where the store can make it
     * one (a single Raft entry in a cluster: a topic's partitions are recorded with one round trip).
     *
     * @return a future of how many records this call created
     */
    default CompletableFuture<Integer> putAllIfAbsent(String kind, Map<String, String> records) {
        java.util.List<CompletableFuture<Boolean>> writes = new java.util.ArrayList<>();
        records.forEach((key, json) -> writes.add(putIfAbsent(kind, key, json)));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(v -> (int) writes.stream().filter(CompletableFuture::join).count());
    }

    /** Removes a record; removing a missing record succeeds. */
    CompletableFuture<Void> delete(String kind, String key);

    /** Calls {@code listener} for each change applied to records of {@code kind} from now on. */
    void addListener(String kind, MetadataListener listener);

    void removeListener(String kind, MetadataListener listener);

    @Override
    void close();
}
