package io.tributary.server.bridge;

import io.tributary.config.metadata.MetadataStore;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Offsets stream consumers stored under a name, in the metadata store (kind {@code stream.offset},
 * key {@code topic/partition/name}, value the next offset to read).
 */
final class StoredStreamOffsets {
    static final String KIND = "stream.offset";

    private final MetadataStore store;

    StoredStreamOffsets(MetadataStore store) {
        this.store = store;
    }

    OptionalLong get(String topic, int partition, String name) {
        String v = store.list(KIND).get(key(topic, partition, name));
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.trim()));
    }

    CompletableFuture<Void> put(String topic, int partition, String name, long nextOffset) {
        return store.put(KIND, key(topic, partition, name), Long.toString(nextOffset));
    }

    /** Forgets every offset stored for {@code topic} (the stream was deleted). */
    CompletableFuture<Void> deleteAll(String topic) {
        String prefix = topic + "/";
        CompletableFuture<?>[] all = store.list(KIND).keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> store.delete(KIND, k)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    private static String key(String topic, int partition, String name) {
        return topic + "/" + partition + "/" + name;
    }
}
