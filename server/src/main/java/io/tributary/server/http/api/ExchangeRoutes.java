package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.config.security.VhostPermissions.Operation;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/exchanges[/{vhost}[/{name}]]}: list, declare (PUT), delete; the default exchange is {@code amq.default} in paths. */
final class ExchangeRoutes {
    static final String DEFAULT_IN_PATH = "amq.default";

    private ExchangeRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/exchanges", Access.MANAGEMENT, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VirtualHost vh : r.context().routing().vhosts().all()) {
                if (r.canSee(vh.name())) {
                    out.addAll(views(r, vh));
                }
            }
            return Replies.ok(Paging.apply(r, out));
        })
                .get("/api/exchanges/{vhost}", Access.MANAGEMENT, r -> Replies.ok(Paging.apply(r, views(r, r.vhost()))))
                .get("/api/exchanges/{vhost}/{name}", Access.MANAGEMENT, r -> Replies.ok(view(r, require(r))))
                .put("/api/exchanges/{vhost}/{name}", Access.MANAGEMENT, ExchangeRoutes::put)
                .delete("/api/exchanges/{vhost}/{name}", Access.MANAGEMENT, ExchangeRoutes::delete);
    }

    /** The exchange's name from the path ({@code amq.default} is the default exchange). */
    static String name(ApiRequest r) {
        String n = r.path("name");
        return DEFAULT_IN_PATH.equals(n) ? "" : n;
    }

    static Exchange require(ApiRequest r) {
        Exchange e = r.vhost().exchange(name(r));
        if (e == null) {
            throw ApiException.notFound();
        }
        return e;
    }

    private static List<Map<String, Object>> views(ApiRequest r, VirtualHost vh) {
        List<Exchange> all = new ArrayList<>(vh.exchanges());
        all.sort(Comparator.comparing(Exchange::name));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Exchange e : all) {
            out.add(view(r, e));
        }
        return out;
    }

    static Map<String, Object> view(ApiRequest r, Exchange e) {
        ExchangeDefinition d = e.definition();
        Optional<Policy> p = r.context().policies().effective(d.vhost(), d.name(), Policy.Kind.EXCHANGE);
        return Json.obj("name", d.name(), "vhost", d.vhost(), "type", d.type(), "durable", d.durable(), "auto_delete", d.autoDelete(),
                "internal", d.internal(), "arguments", d.arguments(), "policy", p.map(Policy::name).orElse(null),
                "user_who_performed_action", "");
    }

    private static FullHttpResponse put(ApiRequest r) {
        VirtualHost vh = r.vhost();
        String name = name(r);
        r.requirePermission(vh.name(), Operation.CONFIGURE, name);
        JsonNode b = r.body();
        if (!b.hasNonNull("type")) {
            throw ApiException.badRequest("[{key_missing,type}]");
        }
        boolean isNew = vh.exchange(name) == null;
        if (isNew && (name.isEmpty() || name.startsWith("amq."))) {
            throw ApiException.forbidden("exchange name '" + name + "' contains reserved prefix 'amq.*'");
        }
        if (isNew && !vh.exchangeTypes().names().contains(b.get("type").asText())) {
            throw ApiException.badRequest("unknown exchange type '" + b.get("type").asText() + "'");
        }
        Map<String, Object> args = Json.map(b.get("arguments"));
        if (args.get("alternate-exchange") != null) {
            // as exchange.declare: an alternate exchange is written to with what this one reads
            r.requirePermission(vh.name(), Operation.WRITE, args.get("alternate-exchange").toString());
            r.requirePermission(vh.name(), Operation.READ, name);
        }
        ExchangeDefinition def = new ExchangeDefinition(vh.name(), name, b.get("type").asText(), b.path("durable").asBoolean(true),
                b.path("auto_delete").asBoolean(false), b.path("internal").asBoolean(false), args);
        r.await(vh.declareExchange(def));
        return Replies.createdOrUpdated(isNew);
    }

    private static FullHttpResponse delete(ApiRequest r) {
        VirtualHost vh = r.vhost();
        String name = name(r);
        if (vh.exchange(name) == null) {
            throw ApiException.notFound();
        }
        r.requirePermission(vh.name(), Operation.CONFIGURE, name);
        r.await(vh.deleteExchange(name, r.flag("if-unused")));
        return Replies.noContent();
    }
}
