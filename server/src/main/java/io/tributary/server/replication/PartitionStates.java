package io.tributary.server.replication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.TopicPartition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The partition states in the metadata store: kind {@value #KIND}, key {@code topic/partition},
 * value the JSON of {@link PartitionState}. Every change after creation is a conditional write
 * against the JSON it was computed from.
 */
final class PartitionStates {
    static final String KIND = "partition-state";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;

    PartitionStates(MetadataStore store) {
        this.store = store;
    }

    static String key(TopicPartition tp) {
        return tp.topic() + "/" + tp.partition();
    }

    /** The partition a key names; topic names may not contain '/', so the last one splits. */
    static TopicPartition partitionOf(String key) {
        int slash = key.lastIndexOf('/');
        return new TopicPartition(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)));
    }

    static PartitionState parse(String json) {
        try {
            return JSON.readValue(json, PartitionState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable partition state " + json, e);
        }
    }

    static String json(PartitionState s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every stored state with the JSON it was read from. */
    Map<TopicPartition, Stored> all() {
        Map<TopicPartition, Stored> out = new LinkedHashMap<>();
        store.list(KIND).forEach((k, v) -> out.put(partitionOf(k), new Stored(parse(v), v)));
        return out;
    }

    Stored get(TopicPartition tp) {
        String json = store.get(KIND, key(tp));
        return json == null ? null : new Stored(parse(json), json);
    }

    /** Creates a new partition's state unless one exists. */
    CompletableFuture<Boolean> create(TopicPartition tp, PartitionState state) {
        return store.putIfAbsent(KIND, key(tp), json(state));
    }

    /** Creates the states of several new partitions unless they exist, as one change. */
    CompletableFuture<Integer> createAll(Map<TopicPartition, PartitionState> created) {
        Map<String, String> records = new LinkedHashMap<>();
        created.forEach((tp, s) -> records.put(key(tp), json(s)));
        return store.putAllIfAbsent(KIND, records);
    }

    /** Replaces {@code current} with {@code next}; false when another change came first. */
    CompletableFuture<Boolean> replace(TopicPartition tp, Stored current, PartitionState next) {
        return store.compareAndPut(KIND, key(tp), current.json(), json(next));
    }

    CompletableFuture<Void> delete(TopicPartition tp) {
        return store.delete(KIND, key(tp));
    }

    /** A state with the exact JSON it was read from (what a conditional write compares). */
    record Stored(PartitionState state, String json) {
    }
}
