package io.tributary.amqp;

import io.tributary.config.AmqpSettings;
import io.tributary.config.BrokerConfig;
import io.tributary.config.LimitSettings;

/**
 * The negotiable limits the broker proposes, from {@link AmqpSettings}, and the protective ones from
 * {@link LimitSettings}: how long a handshake may take, how many connections one user may have
 * (0 = no limit).
 */
public record AmqpLimits(int frameMax, int channelMax, int heartbeatSeconds, long maxMessageBytes, long handshakeTimeoutMs,
                         int maxConnectionsPerUser) {
    public AmqpLimits(int frameMax, int channelMax, int heartbeatSeconds, long maxMessageBytes) {
        this(frameMax, channelMax, heartbeatSeconds, maxMessageBytes, LimitSettings.HANDSHAKE_TIMEOUT_MS.defaultValue(), 0);
    }

    public static AmqpLimits from(BrokerConfig config) {
        return new AmqpLimits(config.get(AmqpSettings.FRAME_MAX), config.get(AmqpSettings.CHANNEL_MAX),
                config.get(AmqpSettings.HEARTBEAT_SECONDS), config.get(AmqpSettings.MAX_MESSAGE_BYTES),
                config.get(LimitSettings.HANDSHAKE_TIMEOUT_MS), config.get(LimitSettings.MAX_CONNECTIONS_PER_USER));
    }

    /** Whether {@code user} already has the most connections allowed among {@code open}. */
    public boolean userAtLimit(String user, Iterable<AmqpConnectionInfo> open) {
        if (maxConnectionsPerUser <= 0) {
            return false;
        }
        int n = 0;
        for (AmqpConnectionInfo c : open) {
            if (user.equals(c.user())) {
                n++;
            }
        }
        return n >= maxConnectionsPerUser;
    }
}
