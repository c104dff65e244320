package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.vhost.VirtualHost;

/** The queue, exchange and binding parts of a definitions import: declared as an AMQP client would, equivalence checked. */
final class TopologyImport {
    private TopologyImport() {
    }

    static void queues(ApiRequest r, JsonNode queues, String onlyVhost) {
        for (JsonNode q : queues) {
            VirtualHost vh = r.context().routing().vhosts().get(DefinitionRoutes.vhostOf(r, q, onlyVhost));
            QueueDefinition def = new QueueDefinition(vh.name(), q.path("name").asText(), q.path("durable").asBoolean(true), null,
                    q.path("auto_delete").asBoolean(false), Json.map(q.get("arguments")));
            r.await(vh.declareQueue(def, r.context().amqp().destinations()));
        }
    }

    static void exchanges(ApiRequest r, JsonNode exchanges, String onlyVhost) {
        for (JsonNode x : exchanges) {
            VirtualHost vh = r.context().routing().vhosts().get(DefinitionRoutes.vhostOf(r, x, onlyVhost));
            ExchangeDefinition def = new ExchangeDefinition(vh.name(), x.path("name").asText(), x.path("type").asText("direct"),
                    x.path("durable").asBoolean(true), x.path("auto_delete").asBoolean(false), x.path("internal").asBoolean(false),
                    Json.map(x.get("arguments")));
            r.await(vh.declareExchange(def));
        }
    }

    static void bindings(ApiRequest r, JsonNode bindings, String onlyVhost) {
        for (JsonNode b : bindings) {
            VirtualHost vh = r.context().routing().vhosts().get(DefinitionRoutes.vhostOf(r, b, onlyVhost));
            String dest = b.path("destination").asText();
            DestinationId id = "exchange".equals(b.path("destination_type").asText("queue")) ? DestinationId.exchange(dest) : DestinationId.queue(dest);
            r.await(vh.bind(new Binding(b.path("source").asText(), id, b.path("routing_key").asText(""), Json.map(b.get("arguments")))));
        }
    }
}
