package io.tributary.logstore.topic;

import io.tributary.logstore.LogConfig;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A registered topic.
 *
 * @param topicId stable for the topic's life (Kafka clients see it as the topic's {@code Uuid}:
 *     {@code new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits())})
 * @param config the topic's resolved config (broker defaults plus its overrides)
 */
public record TopicDescription(String name, UUID topicId, int partitions, LogConfig config) {
    public List<TopicPartition> topicPartitions() {
        List<TopicPartition> out = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            out.add(new TopicPartition(name, i));
        }
        return out;
    }

    /** Kafka's convention: topics whose names start with {@code __} are internal. */
    public boolean internal() {
        return name.startsWith("__");
    }
}
