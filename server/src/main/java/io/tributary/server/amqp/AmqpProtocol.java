package io.tributary.server.amqp;

import io.netty.channel.ChannelHandler;
import io.tributary.amqp.AmqpChannelInitializer;
import io.tributary.amqp.AmqpConnectionInfo;
import io.tributary.amqp.AmqpContext;
import io.tributary.amqp.AmqpLimits;
import io.tributary.amqp.ResourceAlarm;
import io.tributary.amqp.auth.AccessControl;
import io.tributary.amqp.auth.Authenticator;
import io.tributary.config.AmqpSettings;
import io.tributary.config.BrokerConfig;
import io.tributary.config.LimitSettings;
import io.tributary.config.NodeSettings;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.protocol.ProtocolService;
import io.tributary.server.routing.RoutingCore;

/** The AMQP listener's protocol: the detector and 0-9-1 pipeline over the broker's routing core. */
public final class AmqpProtocol implements ProtocolService {
    private final AmqpContext context;
    private final AmqpChannelInitializer initializer;
    private final MemoryAlarmMonitor memoryMonitor;
    private final DiskAlarmMonitor diskMonitor;

    public AmqpProtocol(BrokerConfig config, RoutingCore core, Authenticator authenticator, AccessControl access, ResourceAlarm alarm,
                        String version) {
        this.context = new AmqpContext(core.vhosts(), limited(core, config.get(LimitSettings.MAX_QUEUES)), authenticator, access, alarm,
                AmqpLimits.from(config), version);
        this.initializer = new AmqpChannelInitializer(context);
        this.memoryMonitor = new MemoryAlarmMonitor(context.alarm(), config.get(AmqpSettings.MEMORY_HIGH_WATERMARK_PERCENT));
        this.diskMonitor = new DiskAlarmMonitor(context.alarm(), config.get(NodeSettings.DATA_DIR), config.get(LimitSettings.DISK_FREE_LIMIT_BYTES));
    }

    /** The queue factory, refusing a new queue in a vhost that holds {@code amqp.max.queues} already (RabbitMQ's max-queues). */
    private static DestinationFactory limited(RoutingCore core, int maxQueues) {
        if (maxQueues <= 0) {
            return core.destinations();
        }
        return def -> {
            VirtualHost vh = core.vhosts().get(def.vhost());
            if (vh != null && vh.destinations().size() >= maxQueues) {
                throw new PreconditionFailedException("cannot declare queue '" + def.name() + "': queue limit in vhost '" + def.vhost() + "' ("
                        + maxQueues + ") is reached");
            }
            return core.destinations().create(def);
        };
    }

    /** The disk-free monitor (its limit can be changed at run time). */
    public DiskAlarmMonitor diskMonitor() {
        return diskMonitor;
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
        diskMonitor.close();
        for (AmqpConnectionInfo c : context.connections()) {
            c.forceClose("broker shutdown");
        }
    }
}
