package io.tributary.kafka.group;

import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The broker's topics, from the log store's registry (thread-safe). */
public final class LogTopicCatalog implements TopicCatalog {
    private final TopicRegistry registry;

    public LogTopicCatalog(TopicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<TopicInfo> byName(String name) {
        return registry.topic(name).map(LogTopicCatalog::info);
    }

    @Override
    public Optional<TopicInfo> byId(UUID id) {
        return registry.topic(id).map(LogTopicCatalog::info);
    }

    @Override
    public List<TopicInfo> all() {
        List<TopicInfo> out = new ArrayList<>();
        for (TopicDescription t : registry.topics()) {
            if (!t.internal()) {
                out.add(info(t));
            }
        }
        return out;
    }

    private static TopicInfo info(TopicDescription t) {
        return new TopicInfo(t.name(), t.topicId(), t.partitions());
    }
}
