package io.tributary.kafka.group;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The topics the coordinator may see: names, ids and partition counts (for server-side assignment). */
public interface TopicCatalog {
    /** A topic as assignment needs it. */
    record TopicInfo(String name, UUID id, int partitions) {
    }

    Optional<TopicInfo> byName(String name);

    Optional<TopicInfo> byId(UUID id);

    /** Every topic that is not internal (for regular-expression subscriptions). */
    List<TopicInfo> all();
}
