package io.tributary.server.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.vhost.VirtualHosts;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Virtual hosts made by the management API, with their description, tags and default queue type
 * (RabbitMQ's vhost metadata): kept in the metadata store (kind {@code amqp.vhost}, key the name)
 * and recreated at start, so an empty virtual host survives a restart. Thread-safe.
 */
public final class VhostStore {
    static final String KIND = "amqp.vhost";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** What RabbitMQ keeps about a virtual host besides its contents. */
    public record Metadata(String description, List<String> tags, String defaultQueueType) {
        public static final Metadata NONE = new Metadata("", List.of(), "classic");

        public Metadata {
            tags = List.copyOf(tags);
        }
    }

    private final MetadataStore store;
    private final Map<String, Metadata> metadata = new ConcurrentHashMap<>();

    public VhostStore(MetadataStore store) {
        this.store = store;
        for (String v : store.list(KIND).values()) {
            Map<String, Object> m = read(v);
            @SuppressWarnings("unchecked")
            List<String> tags = m.get("tags") instanceof List<?> l ? (List<String>) l : List.of();
            metadata.put((String) m.get("name"), new Metadata(String.valueOf(m.getOrDefault("description", "")), tags,
                    String.valueOf(m.getOrDefault("default_queue_type", "classic"))));
        }
        metadata.putIfAbsent(VirtualHosts.DEFAULT, new Metadata("Default virtual host", List.of(), "classic"));
    }

    /** Creates the stored virtual hosts (at start, after the definitions were recovered). */
    public void recreate(VirtualHosts vhosts) {
        metadata.keySet().forEach(vhosts::create);
    }

    public Metadata metadata(String vhost) {
        return metadata.getOrDefault(vhost, Metadata.NONE);
    }

    public Optional<Metadata> find(String vhost) {
        return Optional.ofNullable(metadata.get(vhost));
    }

    public CompletableFuture<Void> put(String vhost, Metadata m) {
        metadata.put(vhost, m);
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("name", vhost);
        rec.put("description", m.description());
        rec.put("tags", m.tags());
        rec.put("default_queue_type", m.defaultQueueType());
        try {
            return store.put(KIND, vhost, JSON.writeValueAsString(rec));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CompletableFuture<Void> delete(String vhost) {
        metadata.remove(vhost);
        return store.delete(KIND, vhost);
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
