package io.tributary.server.kafka;

import io.tributary.config.metadata.MetadataStore;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * The cluster id Kafka clients see in Metadata and DescribeCluster: made once, in Kafka's format
 * (a random UUID as 22 characters of URL-safe base64), and kept in the metadata store, put-if-absent:
 * of cluster nodes starting together, all take the first one's.
 */
final class ClusterId {
    static final String KIND = "cluster";
    static final String KEY = "id";

    private ClusterId() {
    }

    static String loadOrCreate(MetadataStore store) {
        String existing = store.list(KIND).get(KEY);
        if (existing != null) {
            return existing;
        }
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
        store.putIfAbsent(KIND, KEY, id).join();
        return store.get(KIND, KEY);
    }
}
