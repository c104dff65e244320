package io.tributary.kafka.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Topics for tests: name → id and partition count. */
public final class MemoryTopics implements TopicCatalog {
    private final Map<String, TopicInfo> byName = new LinkedHashMap<>();

    public TopicInfo add(String name, int partitions) {
        TopicInfo t = new TopicInfo(name, UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), partitions);
        byName.put(name, t);
        return t;
    }

    @Override
    public Optional<TopicInfo> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<TopicInfo> byId(UUID id) {
        return byName.values().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public List<TopicInfo> all() {
        return new ArrayList<>(byName.values());
    }
}
