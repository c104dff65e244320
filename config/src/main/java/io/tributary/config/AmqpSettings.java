package io.tributary.config;

import java.util.List;

/** Settings of the AMQP protocol layers (0-9-1 and 1.0). */
public final class AmqpSettings {
    public static final Setting<Integer> FRAME_MAX = Setting.ofInt("amqp.frame.max", 131_072, 4096, Integer.MAX_VALUE,
            "Largest AMQP frame the broker proposes in connection.tune (RabbitMQ: frame_max).");
    public static final Setting<Integer> CHANNEL_MAX = Setting.ofInt("amqp.channel.max", 2047, 1, 65535,
            "Most channels per AMQP 0-9-1 connection proposed in connection.tune.");
    public static final Setting<Integer> HEARTBEAT_SECONDS = Setting.ofInt("amqp.heartbeat.seconds", 60, 0, 65535,
            "Heartbeat interval proposed in connection.tune; 0 disables heartbeats.");

    private AmqpSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(FRAME_MAX, CHANNEL_MAX, HEARTBEAT_SECONDS);
    }
}
