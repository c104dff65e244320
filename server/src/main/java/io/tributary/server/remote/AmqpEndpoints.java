package io.tributary.server.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where each node's AMQP listener is, in the metadata store (kind {@value #KIND}, key the node id):
 * a node registers itself once its listener is bound, and the others dial it to reach the queues it
 * holds.
 */
public final class AmqpEndpoints {
    static final String KIND = "amqp.listener";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A node's AMQP listener. */
    public record Endpoint(String host, int port) {
    }

    private final MetadataStore store;

    public AmqpEndpoints(MetadataStore store) {
        this.store = store;
    }

    public CompletableFuture<Void> register(int nodeId, String host, int port) {
        String json = write(Map.of("host", host, "port", port));
        return json.equals(store.get(KIND, Integer.toString(nodeId))) ? CompletableFuture.completedFuture(null)
                : store.put(KIND, Integer.toString(nodeId), json);
    }

    /** The node's listener, or null when it never registered one. */
    public Endpoint of(int nodeId) {
        String json = store.get(KIND, Integer.toString(nodeId));
        if (json == null) {
            return null;
        }
        try {
            Map<?, ?> m = JSON.readValue(json, Map.class);
            return new Endpoint((String) m.get("host"), ((Number) m.get("port")).intValue());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("unreadable AMQP listener record of node " + nodeId + ": " + json, e);
        }
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
