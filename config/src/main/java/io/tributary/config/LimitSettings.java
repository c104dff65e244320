package io.tributary.config;

import java.util.List;

/** Resource limits and alarms that protect the broker from its clients: disk, handshakes, per-user connections, queues. */
public final class LimitSettings {
    public static final Setting<Long> DISK_FREE_LIMIT_BYTES = Setting.ofLong("disk.free.limit.bytes", 50_000_000L, 0, Long.MAX_VALUE,
            "Free space on the data directory's file system below which publishers are blocked (AMQP 0-9-1 connection.blocked,"
                    + " no AMQP 1.0 credit, Kafka Produce held) until it rises again; 0 disables the alarm (RabbitMQ: disk_free_limit).");
    public static final Setting<Long> HANDSHAKE_TIMEOUT_MS = Setting.ofLong("handshake.timeout.ms", 10_000, 100, 3_600_000,
            "A connection that has not finished its handshake (TLS, AMQP header and connection.open, AMQP 1.0 open, Kafka SASL)"
                    + " in this time is closed.");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_USER = Setting.ofInt("max.connections.per.user", 0, 0, Integer.MAX_VALUE,
            "Most simultaneous connections one user may have on the AMQP listener (0-9-1 and 1.0 together), and again on the Kafka"
                    + " listener (SASL); 0 = no limit (RabbitMQ: user max-connections).");
    public static final Setting<Integer> MAX_QUEUES = Setting.ofInt("amqp.max.queues", 0, 0, Integer.MAX_VALUE,
            "Most queues a virtual host may hold; declaring one more is refused (406 PRECONDITION_FAILED / amqp:precondition-failed);"
                    + " 0 = no limit (RabbitMQ: vhost max-queues).");

    private LimitSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(DISK_FREE_LIMIT_BYTES, HANDSHAKE_TIMEOUT_MS, MAX_CONNECTIONS_PER_USER, MAX_QUEUES);
    }
}
