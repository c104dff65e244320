package io.tributary.config;

import java.util.List;

/** Settings of the broker process as a whole: identity, storage location, shutdown. */
public final class NodeSettings {
    public static final Setting<Integer> NODE_ID = Setting.ofInt("node.id", 0, 0, Integer.MAX_VALUE,
            "This broker's id, unique in a cluster; Kafka clients see it as the broker/node id.");
    public static final Setting<java.nio.file.Path> DATA_DIR = Setting.ofPath("data.dir", "./data",
            "Directory holding all durable state: metadata, partition logs, queue journals.");
    public static final Setting<String> BIND_HOST = Setting.ofString("bind.host", "0.0.0.0",
            "Address every listener binds to (0.0.0.0 = all interfaces).");
    public static final Setting<String> ADVERTISED_HOST = Setting.ofString("advertised.host", "localhost",
            "Host name Kafka clients are told to connect to (Metadata, FindCoordinator).");
    public static final Setting<Long> SHUTDOWN_TIMEOUT_MS = Setting.ofLong("shutdown.timeout.ms", 30_000, 0, Long.MAX_VALUE,
            "How long a graceful shutdown waits for in-flight work to drain before closing anyway.");
    public static final Setting<Integer> IO_THREADS = Setting.ofInt("io.threads", 0, 0, 1024,
            "Netty event-loop threads for all listeners; 0 = twice the number of cores.");

    private NodeSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(NODE_ID, DATA_DIR, BIND_HOST, ADVERTISED_HOST, SHUTDOWN_TIMEOUT_MS, IO_THREADS);
    }
}
