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

    public static final Setting<Long> MAX_MESSAGE_BYTES = Setting.ofLong("amqp.max.message.bytes", 134_217_728L, 1, 536_870_912L,
            "Largest message body an AMQP 0-9-1 publisher may send; larger ones close the channel (406, as RabbitMQ's max_message_size).");
    public static final Setting<Integer> MEMORY_HIGH_WATERMARK_PERCENT = Setting.ofInt("amqp.memory.high.watermark.percent", 60, 0, 100,
            "Percent of the JVM heap in use (after garbage collection) above which publishing AMQP connections are blocked"
                    + " (connection.blocked) until it falls again; 0 disables the alarm.");

    private AmqpSettings() {
    }

    static List<Setting<?>> all() {
        return List.of(FRAME_MAX, CHANNEL_MAX, HEARTBEAT_SECONDS, MAX_MESSAGE_BYTES, MEMORY_HIGH_WATERMARK_PERCENT);
    }
}
