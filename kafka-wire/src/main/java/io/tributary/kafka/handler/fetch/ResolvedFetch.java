package io.tributary.kafka.handler.fetch;

import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;

/**
 * A Fetch request with its partitions resolved to logs: what every (re)read of it needs.
 *
 * @param replicaId the fetching follower's node id, -1 for a consumer
 */
record ResolvedFetch(List<FetchTarget> targets, FetchIsolation isolation, int maxBytes, int minBytes, int replicaId) {

    /** The partitions with a readable log: those a waiting fetch watches. */
    List<TopicPartition> readablePartitions() {
        List<TopicPartition> out = new ArrayList<>(targets.size());
        for (FetchTarget t : targets) {
            if (t.log() != null) {
                out.add(t.log().topicPartition());
            }
        }
        return out;
    }
}
