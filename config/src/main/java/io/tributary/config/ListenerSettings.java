package io.tributary.config;

import java.util.List;

/** The three listeners: their ports and connection limits. Port 0 picks a free port (tests). */
public final class ListenerSettings {
    public static final Setting<Integer> KAFKA_PORT = Setting.ofInt("kafka.port", 9092, 0, 65535,
            "Port of the Kafka wire-protocol listener.");
    public static final Setting<Integer> AMQP_PORT = Setting.ofInt("amqp.port", 5672, 0, 65535,
            "Port of the AMQP listener (0-9-1 and 1.0, told apart by the protocol header).");
    public static final Setting<Integer> HTTP_PORT = Setting.ofInt("http.port", 15672, 0, 65535,
            "Port of the HTTP listener: management API, web console, /healthz, /metrics.");
    public static final Setting<Integer> KAFKA_MAX_CONNECTIONS = Setting.ofInt("kafka.max.connections", 10_000, 1, Integer.MAX_VALUE,
            "Most simultaneous connections the Kafka listener accepts; more are closed at once.");
    public static final Setting<Integer> AMQP_MAX_CONNECTIONS = Setting.ofInt("amqp.max.connections", 10_000, 1, Integer.MAX_VALUE,
            "Most simultaneous connections the AMQP listener accepts; more are closed at once.");
    public static final Setting<Integer> HTTP_MAX_CONNECTIONS = Setting.ofInt("http.max.connections", 1_000, 1, Integer.MAX_VALUE,
            "Most simultaneous connections the HTTP listener accepts; more are closed at once.");

    private ListenerSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(KAFKA_PORT, AMQP_PORT, HTTP_PORT, KAFKA_MAX_CONNECTIONS, AMQP_MAX_CONNECTIONS, HTTP_MAX_CONNECTIONS);
    }
}
