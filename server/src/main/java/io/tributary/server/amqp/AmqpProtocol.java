package io.tributary.server.amqp;

import io.netty.channel.ChannelHandler;
import io.tributary.amqp.AmqpChannelInitializer;
import io.tributary.amqp.AmqpConnectionInfo;
import io.tributary.amqp.AmqpContext;
import io.tributary.amqp.AmqpLimits;
import io.tributary.amqp.auth.AccessControl;
import io.tributary.amqp.auth.Authenticator;
import io.tributary.config.AmqpSettings;
import io.tributary.config.BrokerConfig;
import io.tributary.server.protocol.ProtocolService;
import io.tributary.server.routing.RoutingCore;

/** The AMQP listener's protocol: the detector and 0-9-1 pipeline over the broker's routing core. */
public final class AmqpProtocol implements ProtocolService {
    private final AmqpContext context;
    private final AmqpChannelInitializer initializer;
    private final MemoryAlarmMonitor memoryMonitor;

    public AmqpProtocol(BrokerConfig config, RoutingCore core, Authenticator authenticator, AccessControl access, String version) {
        this.context = new AmqpContext(core.vhosts(), core.destinations(), authenticator, access, AmqpLimits.from(config), version);
        this.initializer = new AmqpChannelInitializer(context);
        this.memoryMonitor = new MemoryAlarmMonitor(context.alarm(), config.get(AmqpSettings.MEMORY_HIGH_WATERMARK_PERCENT));
    }

    @Override
    public ChannelHandler channelInitializer() {
        return initializer;
    }

    public AmqpContext context() {
        return context;
    }

    @Override
    public void close() {
        memoryMonitor.close();
        for (AmqpConnectionInfo c : context.connections()) {
            c.forceClose("broker shutdown");
        }
    }
}
