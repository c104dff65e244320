package io.tributary.queues.deadletter;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.RoutedDestinations;
import io.tributary.exchanges.Router;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one queue's dead letters to its dead-letter exchange: builds the copy with its
 * {@code x-death} headers, routes it, leaves out target queues that would close an automatic
 * cycle (reasons other than {@code rejected}), and hands it to the rest. The returned future
 * completes when every target has accepted it (fsynced, for a persistent message in a durable
 * queue): the source queue settles its copy only then, so a crash in between leaves the message in
 * the source rather than nowhere. Confined to the queue's actor (the routing buffer is reused).
 */
public final class DeadLetterer {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetterer.class);

    private final String queue;
    private final String exchange;
    private final String routingKey;
    private final Supplier<VirtualHost> vhost;
    private final RoutedDestinations routed = new RoutedDestinations();

    /**
     * @param exchange {@code x-dead-letter-exchange} ("" is the default exchange)
     * @param routingKey {@code x-dead-letter-routing-key}, or null
     */
    public DeadLetterer(String queue, String exchange, String routingKey, Supplier<VirtualHost> vhost) {
        this.queue = queue;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.vhost = vhost;
    }

    /** Dead-letters {@code m}; the future completes when it is safe wherever it went (or was dropped). */
    public CompletableFuture<Void> publish(Message m, Reason reason, long nowMillis) {
        VirtualHost vh = vhost.get();
        Exchange x = vh == null ? null : vh.exchange(exchange);
        if (x == null) {
            LOGGER.debug("Dead-letter exchange '{}' of queue '{}' does not exist; message dropped", exchange, queue);
            return Destination.ACCEPTED;
        }
        Message dead = XDeath.deadLettered(m, reason, queue, exchange, routingKey, nowMillis);
        Router.route(vh, x, dead, routed);
        List<CompletableFuture<Void>> pending = null;
        for (int i = 0; i < routed.size(); i++) {
            Destination d = routed.get(i);
            if (reason != Reason.REJECTED && XDeath.isCycle(dead, d.name())) {
                LOGGER.debug("Dead-letter cycle through queue '{}' detected; message dropped there", d.name());
                continue;
            }
            CompletableFuture<Void> f = d.accept(dead);
            if (f != Destination.ACCEPTED && !(f.isDone() && !f.isCompletedExceptionally())) {
                if (pending == null) {
                    pending = new ArrayList<>(2);
                }
                pending.add(f.exceptionally(e -> null));
            }
        }
        return pending == null ? Destination.ACCEPTED : CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }
}
