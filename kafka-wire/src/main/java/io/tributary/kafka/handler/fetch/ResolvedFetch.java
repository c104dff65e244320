package io.tributary.kafka.handler.fetch;

import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;

/** A Fetch request with its partitions resolved to logs: what every (re)read of it needs. */
record ResolvedFetch(List<FetchTarget> targets, FetchIsolation isolation, int maxBytes, int minBytes) {

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
