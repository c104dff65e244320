package io.tributary.exchanges;

import io.tributary.exchanges.binding.Binding;
import java.util.concurrent.CompletableFuture;

/**
 * Told of every topology change of a virtual host, in order, under its topology lock; must not
 * block. The server's definition store persists the durable ones; the returned future completes
 * when the change is durable, and the protocol answers the client only then.
 */
public interface TopologyListener {
    TopologyListener NONE = new TopologyListener() {
    };

    default CompletableFuture<Void> exchangeAdded(ExchangeDefinition exchange) {
        return Destination.ACCEPTED;
    }

    default CompletableFuture<Void> exchangeRemoved(ExchangeDefinition exchange) {
        return Destination.ACCEPTED;
    }

    default CompletableFuture<Void> queueAdded(QueueDefinition queue) {
        return Destination.ACCEPTED;
    }

    default CompletableFuture<Void> queueRemoved(QueueDefinition queue) {
        return Destination.ACCEPTED;
    }

    /** @param durable true when both ends are durable, so the binding must survive a restart */
    default CompletableFuture<Void> bindingAdded(String vhost, Binding binding, boolean durable) {
        return Destination.ACCEPTED;
    }

    default CompletableFuture<Void> bindingRemoved(String vhost, Binding binding, boolean durable) {
        return Destination.ACCEPTED;
    }
}
