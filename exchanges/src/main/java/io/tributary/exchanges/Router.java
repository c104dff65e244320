package io.tributary.exchanges;

import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.vhost.VirtualHost;

/**
 * Routes a message from an exchange to destinations: the exchange's type matches bindings;
 * exchange-to-exchange bindings are followed breadth-first, each exchange at most once (so cycles
 * end); an exchange whose bindings matched nothing hands the message to its alternate exchange.
 * Destinations are deduplicated here, not in each type. Stateless and thread-safe.
 */
public final class Router {
    private Router() {
    }

    /** Fills {@code out} (cleared first) with the distinct destinations of {@code message}. */
    public static void route(VirtualHost vhost, Exchange exchange, Message message, RoutedDestinations out) {
        out.reset(vhost);
        if (exchange.isDefault()) {
            out.addDestination(vhost.destination(message.routingKey()));
            return;
        }
        out.visit(exchange);
        for (int i = 0; i < out.exchangeCount(); i++) {
            Exchange e = out.exchangeAt(i);
            out.startExchange();
            if (e.isDefault()) {
                out.addDestination(vhost.destination(message.routingKey()));
                continue;
            }
            e.table().route(message, out);
            if (out.matchedByCurrent() == 0) {
                String ae = e.definition().alternateExchange();
                if (ae != null) {
                    out.visit(vhost.exchange(ae));
                }
            }
        }
    }
}
