package io.tributary.server.bridge;

import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.TopicPartition;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Where each topic-to-exchange bridge stands: the next offset of each partition still to route, in
 * the metadata store (kind {@code bridge.cursor}, key {@code topic/partition}). It moves only after
 * everything before it was accepted by its destinations, so records are routed at least once.
 */
final class BridgeCursors {
    static final String KIND = "bridge.cursor";

    private final MetadataStore store;

    BridgeCursors(MetadataStore store) {
        this.store = store;
    }

    OptionalLong get(TopicPartition tp) {
        String v = store.list(KIND).get(key(tp));
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.trim()));
    }

    CompletableFuture<Void> put(TopicPartition tp, long nextOffset) {
        return store.put(KIND, key(tp), Long.toString(nextOffset));
    }

    CompletableFuture<Void> delete(TopicPartition tp) {
        return store.delete(KIND, key(tp));
    }

    private static String key(TopicPartition tp) {
        return tp.topic() + "/" + tp.partition();
    }
}
