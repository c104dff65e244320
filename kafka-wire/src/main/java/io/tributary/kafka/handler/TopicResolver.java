package io.tributary.kafka.handler;

import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

/**
 * Finds the topic and partition log a request names, by name (older versions) or by topic id
 * (Produce v13+, Fetch v13+), and says which error a client gets when it is not there.
 */
public final class TopicResolver {
    private final LogManager logs;

    public TopicResolver(LogManager logs) {
        this.logs = logs;
    }

    /** The topic named {@code name}, or with id {@code id} when the name is null or empty. */
    public Optional<TopicDescription> topic(String name, Uuid id) {
        if (name != null && !name.isEmpty()) {
            return logs.topics().topic(name);
        }
        if (id == null || Uuid.ZERO_UUID.equals(id)) {
            return Optional.empty();
        }
        return logs.topics().topic(Uuids.fromKafka(id));
    }

    /** The partition's log, if the topic has that partition and its log is open. */
    public Optional<PartitionLog> log(TopicDescription topic, int partition) {
        if (partition < 0 || partition >= topic.partitions()) {
            return Optional.empty();
        }
        return logs.log(new io.tributary.logstore.TopicPartition(topic.name(), partition));
    }

    /** The error for a topic that does not exist: by name or by id. */
    public static Errors unknownTopic(boolean byId) {
        return byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
    }
}
