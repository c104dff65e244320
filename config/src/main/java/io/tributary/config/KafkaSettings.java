package io.tributary.config;

import java.util.List;

/** Settings of the Kafka protocol layer; names follow Apache Kafka's broker configs where it has one. */
public final class KafkaSettings {
    public static final Setting<Integer> MAX_REQUEST_BYTES = Setting.ofInt("kafka.max.request.bytes", 100 * 1024 * 1024, 1024, Integer.MAX_VALUE,
            "Largest Kafka request frame accepted; a larger one closes the connection (Kafka: socket.request.max.bytes).");
    public static final Setting<Integer> NUM_PARTITIONS = Setting.ofInt("num.partitions", 1, 1, 100_000,
            "Partitions of an automatically created topic.");
    public static final Setting<Boolean> AUTO_CREATE_TOPICS = Setting.ofBoolean("auto.create.topics.enable", true,
            "Create a topic when a client asks for metadata of, or produces to, a topic that does not exist.");

    public static final Setting<Integer> IO_THREADS = Setting.ofInt("kafka.io.threads", 0, 0, 1024,
            "Threads doing the file work of Kafka requests (appends, reads, index lookups); 0 = one per core (Kafka: num.io.threads).");

    private KafkaSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(MAX_REQUEST_BYTES, NUM_PARTITIONS, AUTO_CREATE_TOPICS, IO_THREADS);
    }
}
