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
 */
public interface MetadataStore extends AutoCloseable {
    /** Every record of one kind, key to JSON, in key order. */
    Map<String, String> list(String kind);

    /** Creates or replaces a record. */
    CompletableFuture<Void> put(String kind, String key, String json);

    /** Removes a record; removing a missing record succeeds. */
    CompletableFuture<Void> delete(String kind, String key);

    @Override
    void close();
}
