package io.tributary.server.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.config.security.VhostPermissions.Operation;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.vhost.VirtualHost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code /api/bindings[/{vhost}]}, {@code /api/bindings/{vhost}/e/{source}/q|e/{destination}[/{props}]}
 * and the bindings of one exchange or queue. Listings include the default exchange's implicit
 * binding to every queue, as RabbitMQ's do. A binding is addressed by its {@code properties_key}:
 * the routing key (or {@code ~} when empty), plus {@code ~} and a digest of the arguments when it has any.
 */
final class BindingRoutes {
    private BindingRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/bindings", Access.MANAGEMENT, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VirtualHost vh : r.context().routing().vhosts().all()) {
                if (r.canSee(vh.name())) {
                    out.addAll(all(vh, b -> true));
                }
            }
            return Replies.ok(out);
        })
                .get("/api/bindings/{vhost}", Access.MANAGEMENT, r -> Replies.ok(all(r.vhost(), b -> true)))
                .get("/api/exchanges/{vhost}/{name}/bindings/source", Access.MANAGEMENT, r -> {
                    Exchange e = ExchangeRoutes.require(r);
                    return Replies.ok(all(r.vhost(), b -> b.source().equals(e.name())));
                })
                .get("/api/exchanges/{vhost}/{name}/bindings/destination", Access.MANAGEMENT, r -> {
                    Exchange e = ExchangeRoutes.require(r);
                    return Replies.ok(all(r.vhost(), b -> b.destination().equals(DestinationId.exchange(e.name()))));
                })
                .get("/api/queues/{vhost}/{name}/bindings", Access.MANAGEMENT, r -> {
                    Destination d = QueueRoutes.require(r);
                    return Replies.ok(all(r.vhost(), b -> b.destination().equals(DestinationId.queue(d.name()))));
                });
        for (String kind : List.of("q", "e")) {
            String base = "/api/bindings/{vhost}/e/{source}/" + kind + "/{destination}";
            routes.get(base, Access.MANAGEMENT, r -> Replies.ok(between(r, kind)))
                    .post(base, Access.MANAGEMENT, r -> create(r, kind))
                    .get(base + "/{props}", Access.MANAGEMENT, r -> Replies.ok(one(r, kind)))
                    .delete(base + "/{props}", Access.MANAGEMENT, r -> delete(r, kind));
        }
    }

    private static List<Map<String, Object>> all(VirtualHost vh, Predicate<Binding> filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Destination> queues = new ArrayList<>(vh.destinations());
        queues.sort(java.util.Comparator.comparing(Destination::name));
        for (Destination d : queues) {
            Binding implicit = new Binding("", DestinationId.queue(d.name()), d.name(), Map.of());
            if (filter.test(implicit)) {
                out.add(view(vh.name(), implicit));
            }
        }
        List<Exchange> exchanges = new ArrayList<>(vh.exchanges());
        exchanges.sort(java.util.Comparator.comparing(Exchange::name));
        for (Exchange e : exchanges) {
            List<Binding> bs = new ArrayList<>(vh.bindingsFrom(e.name()));
            bs.sort(java.util.Comparator.comparing((Binding b) -> b.destination().name()).thenComparing(Binding::routingKey));
            for (Binding b : bs) {
                if (filter.test(b)) {
                    out.add(view(vh.name(), b));
                }
            }
        }
        return out;
    }

    static Map<String, Object> view(String vhost, Binding b) {
        return Json.obj("source", b.source(), "vhost", vhost, "destination", b.destination().name(),
                "destination_type", b.destination().isExchange() ? "exchange" : "queue", "routing_key", b.routingKey(),
                "arguments", b.arguments(), "properties_key", propertiesKey(b));
    }

    /** RabbitMQ's {@code properties_key}: what addresses one binding between two ends. */
    static String propertiesKey(Binding b) {
        String key = b.routingKey().isEmpty() && b.arguments().isEmpty() ? "~" : quote(b.routingKey());
        if (b.arguments().isEmpty()) {
            return key;
        }
        try {
            byte[] canonical = Json.MAPPER.writeValueAsBytes(new TreeMap<>(b.arguments()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return key + "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return s.replace("%", "%25").replace("~", "%7E");
    }

    private static DestinationId destination(ApiRequest r, String kind) {
        String name = r.path("destination");
        return "q".equals(kind) ? DestinationId.queue(name) : DestinationId.exchange(ExchangeRoutes.DEFAULT_IN_PATH.equals(name) ? "" : name);
    }

    private static String source(ApiRequest r) {
        String s = r.path("source");
        return ExchangeRoutes.DEFAULT_IN_PATH.equals(s) ? "" : s;
    }

    private static void requireEnds(VirtualHost vh, String source, DestinationId dest) {
        boolean missing = vh.exchange(source) == null || (dest.isExchange() ? vh.exchange(dest.name()) == null : vh.destination(dest.name()) == null);
        if (missing) {
            throw ApiException.notFound();
        }
    }

    private static List<Map<String, Object>> between(ApiRequest r, String kind) {
        VirtualHost vh = r.vhost();
        String source = source(r);
        DestinationId dest = destination(r, kind);
        requireEnds(vh, source, dest);
        return all(vh, b -> b.source().equals(source) && b.destination().equals(dest));
    }

    private static Map<String, Object> one(ApiRequest r, String kind) {
        String props = r.path("props");
        for (Map<String, Object> b : between(r, kind)) {
            if (props.equals(b.get("properties_key"))) {
                return b;
            }
        }
        throw ApiException.notFound();
    }

    private static FullHttpResponse create(ApiRequest r, String kind) {
        VirtualHost vh = r.vhost();
        String source = source(r);
        DestinationId dest = destination(r, kind);
        requireEnds(vh, source, dest);
        r.requirePermission(vh.name(), Operation.WRITE, dest.name());
        r.requirePermission(vh.name(), Operation.READ, source);
        JsonNode body = r.body();
        Binding b = new Binding(source, dest, body.path("routing_key").asText(""), Json.map(body.get("arguments")));
        r.await(vh.bind(b));
        FullHttpResponse created = Replies.created();
        created.headers().set(HttpHeaderNames.LOCATION, URLEncoder.encode(propertiesKey(b), StandardCharsets.UTF_8).replace("+", "%20"));
        return created;
    }

    private static FullHttpResponse delete(ApiRequest r, String kind) {
        VirtualHost vh = r.vhost();
        String source = source(r);
        DestinationId dest = destination(r, kind);
        requireEnds(vh, source, dest);
        r.requirePermission(vh.name(), Operation.WRITE, dest.name());
        r.requirePermission(vh.name(), Operation.READ, source);
        String props = r.path("props");
        for (Binding b : vh.bindingsFrom(source)) {
            if (b.destination().equals(dest) && props.equals(propertiesKey(b))) {
                r.await(vh.unbind(b));
                return Replies.noContent();
            }
        }
        throw ApiException.notFound();
    }
}
