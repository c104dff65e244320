package io.tributary.config.metadata;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A metadata store that forgets everything on close: for module tests that need no durability. */
public final class InMemoryMetadataStore implements MetadataStore {
    private final Map<String, Map<String, String>> kinds = new ConcurrentHashMap<>();
    private final MetadataListeners listeners = new MetadataListeners();

    @Override
    public Map<String, String> list(String kind) {
        Map<String, String> records = kinds.get(kind);
        synchronized (this) {
            return records == null ? Map.of() : new TreeMap<>(records);
        }
    }

    @Override
    public String get(String kind, String key) {
        Map<String, String> records = kinds.get(kind);
        return records == null ? null : records.get(key);
    }

    @Override
    public synchronized CompletableFuture<Void> put(String kind, String key, String json) {
        String old = kinds.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).put(key, json);
        if (!json.equals(old)) {
            listeners.publish(new MetadataListeners.Change(kind, key, json));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> putIfAbsent(String kind, String key, String json) {
        return compareAndPut(kind, key, null, json);
    }

    @Override
    public synchronized CompletableFuture<Boolean> compareAndPut(String kind, String key, String expectedJson, String json) {
        if (!Objects.equals(get(kind, key), expectedJson)) {
            return CompletableFuture.completedFuture(false);
        }
        put(kind, key, json);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletableFuture<Void> delete(String kind, String key) {
        Map<String, String> records = kinds.get(kind);
        if (records != null && Objects.nonNull(records.remove(key))) {
            listeners.publish(new MetadataListeners.Change(kind, key, null));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addListener(String kind, MetadataListener listener) {
        listeners.add(kind, listener);
    }

    @Override
    public void removeListener(String kind, MetadataListener listener) {
        listeners.remove(kind, listener);
    }

    @Override
    public void close() {
        listeners.close();
        kinds.clear();
    }
}
