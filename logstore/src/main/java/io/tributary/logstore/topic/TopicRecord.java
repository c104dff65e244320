package io.tributary.logstore.topic;

import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as stored in the metadata store: kind {@code topic}, key = name, value = this record as
 * JSON, for example {@code {"name":"orders","id":"6f1c...","partitions":3,"configs":{"retention.ms":"3600000"}}}.
 */
record TopicRecord(String name, String id, int partitions, Map<String, String> configs) {
    TopicRecord {
        configs = configs == null ? Map.of() : new TreeMap<>(configs);
    }
}
