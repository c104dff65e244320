package io.tributary.server.routing;

import io.tributary.config.metadata.MetadataStore;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.type.ExchangeTypeRegistry;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.queues.Queue;
import io.tributary.queues.QueueFactory;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The broker's one routing core, shared by every protocol: virtual hosts with their exchanges and
 * destinations, the factory that makes declared queues (each on an executor from {@code executors}),
 * and the definition store that makes durable definitions survive restarts.
 */
public final class RoutingCore {
    private final VirtualHosts vhosts;
    private final DestinationFactory destinations;

    public RoutingCore(MetadataStore metadata, Supplier<Executor> executors) {
        DefinitionStore definitions = new DefinitionStore(metadata);
        this.vhosts = new VirtualHosts(ExchangeTypeRegistry.withBuiltIns(), definitions);
        this.destinations = new QueueFactory(executors, this::autoDelete);
        definitions.recover(vhosts, destinations);
    }

    private void autoDelete(Queue q) {
        VirtualHost vh = vhosts.get(q.definition().vhost());
        if (vh != null) {
            vh.deleteQueue(q);
        }
    }

    public VirtualHosts vhosts() {
        return vhosts;
    }

    public DestinationFactory destinations() {
        return destinations;
    }
}
