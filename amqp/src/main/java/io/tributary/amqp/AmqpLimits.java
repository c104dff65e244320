package io.tributary.amqp;

import io.tributary.config.AmqpSettings;
import io.tributary.config.BrokerConfig;

/** The negotiable limits the broker proposes, from {@link AmqpSettings}. */
public record AmqpLimits(int frameMax, int channelMax, int heartbeatSeconds, long maxMessageBytes) {
    public static AmqpLimits from(BrokerConfig config) {
        return new AmqpLimits(config.get(AmqpSettings.FRAME_MAX), config.get(AmqpSettings.CHANNEL_MAX),
                config.get(AmqpSettings.HEARTBEAT_SECONDS), config.get(AmqpSettings.MAX_MESSAGE_BYTES));
    }
}
