package io.tributary.logstore.topic;

import java.util.Map;

/**
 * A topic to create.
 *
 * @param configs per-topic config overrides by Kafka name (see {@link io.tributary.logstore.LogConfigDefs})
 */
public record NewTopic(String name, int partitions, Map<String, String> configs) {
    public NewTopic {
        configs = configs == null ? Map.of() : Map.copyOf(configs);
    }

    public NewTopic(String name, int partitions) {
        this(name, partitions, Map.of());
    }
}
