package io.tributary.config.metadata;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A metadata store that forgets everything on close: for module tests that need no durability. */
public final class InMemoryMetadataStore implements MetadataStore {
    private final Map<String, Map<String, String>> kinds = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> list(String kind) {
        Map<String, String> records = kinds.get(kind);
        synchronized (this) {
            return records == null ? Map.of() : new TreeMap<>(records);
        }
    }

    @Override
    public synchronized CompletableFuture<Void> put(String kind, String key, String json) {
        kinds.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).put(key, json);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> delete(String kind, String key) {
        Map<String, String> records = kinds.get(kind);
        if (records != null) {
            records.remove(key);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        kinds.clear();
    }
}
