package io.tributary.server.replication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.kafka.handler.BrokerEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where each node's Kafka listener is, in the metadata store (kind {@value #KIND}, key the node id):
 * every node registers itself once its listener is bound, so Metadata answers list every broker and
 * followers know where to fetch from.
 */
final class BrokerRegistry {
    static final String KIND = "broker";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;

    BrokerRegistry(MetadataStore store) {
        this.store = store;
    }

    CompletableFuture<Void> register(BrokerEndpoint self) {
        try {
            return store.put(KIND, Integer.toString(self.nodeId()), JSON.writeValueAsString(Map.of("host", self.host(), "port", self.port())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a node's registration (it left the cluster). */
    CompletableFuture<Void> unregister(int nodeId) {
        return store.delete(KIND, Integer.toString(nodeId));
    }

    List<BrokerEndpoint> all() {
        List<BrokerEndpoint> out = new ArrayList<>();
        store.list(KIND).forEach((k, v) -> {
            try {
                Map<?, ?> m = JSON.readValue(v, Map.class);
                out.add(new BrokerEndpoint(Integer.parseInt(k), (String) m.get("host"), ((Number) m.get("port")).intValue()));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IllegalStateException("unreadable broker record " + k + ": " + v, e);
            }
        });
        out.sort((a, b) -> Integer.compare(a.nodeId(), b.nodeId()));
        return out;
    }
}
