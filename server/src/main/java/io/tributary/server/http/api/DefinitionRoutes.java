package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.policy.Policy;
import io.tributary.server.routing.VhostStore;
import io.tributary.server.security.UserDefinitions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/definitions[/{vhost}]}: export (GET) and import (POST) in RabbitMQ's format: users
 * (with SCRAM secrets instead of a password hash), vhosts, permissions, policies, and the durable
 * queues, exchanges and bindings. An imported user may carry {@code password} in clear or
 * {@code scram}; one with only RabbitMQ's {@code password_hash} is created without a password (it
 * cannot log in until one is set), since SCRAM secrets cannot be derived from that hash.
 */
final class DefinitionRoutes {
    private DefinitionRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/definitions", Access.ADMINISTRATOR, r -> download(r, export(r, null)))
                .post("/api/definitions", Access.ADMINISTRATOR, r -> {
                    importAll(r, r.body(), null);
                    return Replies.noContent();
                })
                .get("/api/definitions/{vhost}", Access.ADMINISTRATOR, r -> download(r, export(r, r.vhost().name())))
                .post("/api/definitions/{vhost}", Access.ADMINISTRATOR, r -> {
                    importAll(r, r.body(), r.vhost().name());
                    return Replies.noContent();
                });
    }

    private static FullHttpResponse download(ApiRequest r, Map<String, Object> body) {
        FullHttpResponse resp = Replies.ok(body);
        String file = r.query("download");
        if (file != null && !file.isEmpty()) {
            resp.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file.replace("\"", "") + "\"");
        }
        return resp;
    }

    private static Map<String, Object> export(ApiRequest r, String onlyVhost) {
        ApiContext c = r.context();
        Map<String, Object> out = Json.obj("rabbit_version", OverviewRoutes.RABBITMQ_VERSION, "rabbitmq_version", OverviewRoutes.RABBITMQ_VERSION,
                "product_name", "Tributary", "product_version", c.version());
        if (onlyVhost == null) {
            JsonNode users = Json.MAPPER.valueToTree(parse(UserDefinitions.export(c.users())));
            out.put("users", users.path("users"));
            List<Object> vhosts = new ArrayList<>();
            for (VirtualHost vh : sortedVhosts(r)) {
                VhostStore.Metadata m = c.vhostStore().metadata(vh.name());
                vhosts.add(Json.obj("name", vh.name(), "description", m.description(), "tags", m.tags(), "default_queue_type",
                        m.defaultQueueType(), "metadata", Json.obj("description", m.description(), "tags", m.tags(), "default_queue_type",
                                m.defaultQueueType())));
            }
            out.put("vhosts", vhosts);
            out.put("permissions", users.path("permissions"));
            out.put("topic_permissions", List.of());
            out.put("parameters", List.of());
            out.put("global_parameters", List.of());
        }
        List<Object> policies = new ArrayList<>();
        List<Object> queues = new ArrayList<>();
        List<Object> exchanges = new ArrayList<>();
        List<Object> bindings = new ArrayList<>();
        for (VirtualHost vh : sortedVhosts(r)) {
            if (onlyVhost != null && !onlyVhost.equals(vh.name())) {
                continue;
            }
            for (Policy p : c.policies().list(vh.name())) {
                policies.add(withVhost(onlyVhost, PolicyRoutes.view(p)));
            }
            exportTopology(vh, onlyVhost, queues, exchanges, bindings);
        }
        out.put("policies", policies);
        out.put("queues", queues);
        out.put("exchanges", exchanges);
        out.put("bindings", bindings);
        return out;
    }

    private static void exportTopology(VirtualHost vh, String onlyVhost, List<Object> queues, List<Object> exchanges, List<Object> bindings) {
        List<Destination> ds = new ArrayList<>(vh.destinations());
        ds.sort(Comparator.comparing(Destination::name));
        for (Destination d : ds) {
            QueueDefinition q = d.definition();
            if (q.durable() && !q.exclusive()) {
                queues.add(withVhost(onlyVhost, Json.obj("name", q.name(), "vhost", vh.name(), "durable", true, "auto_delete", q.autoDelete(),
                        "arguments", q.arguments())));
            }
        }
        List<Exchange> xs = new ArrayList<>(vh.exchanges());
        xs.sort(Comparator.comparing(Exchange::name));
        for (Exchange e : xs) {
            ExchangeDefinition x = e.definition();
            if (x.durable() && !x.name().isEmpty() && !x.name().startsWith("amq.")) {
                exchanges.add(withVhost(onlyVhost, Json.obj("name", x.name(), "vhost", vh.name(), "type", x.type(), "durable", true,
                        "auto_delete", x.autoDelete(), "internal", x.internal(), "arguments", x.arguments())));
            }
            for (Binding b : vh.bindingsFrom(e.name())) {
                if (durable(vh, e, b.destination())) {
                    Map<String, Object> v = BindingRoutes.view(vh.name(), b);
                    v.remove("properties_key");
                    bindings.add(withVhost(onlyVhost, v));
                }
            }
        }
    }

    private static boolean durable(VirtualHost vh, Exchange source, DestinationId dest) {
        if (!source.definition().durable()) {
            return false;
        }
        if (dest.isExchange()) {
            Exchange e = vh.exchange(dest.name());
            return e != null && e.definition().durable();
        }
        Destination d = vh.destination(dest.name());
        return d != null && d.definition().durable() && !d.definition().exclusive();
    }

    private static Map<String, Object> withVhost(String onlyVhost, Map<String, Object> m) {
        if (onlyVhost != null) {
            m.remove("vhost");
        }
        return m;
    }

    private static List<VirtualHost> sortedVhosts(ApiRequest r) {
        List<VirtualHost> all = new ArrayList<>(r.context().routing().vhosts().all());
        all.sort(Comparator.comparing(VirtualHost::name));
        return all;
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports everything in RabbitMQ's order: users, vhosts, permissions, policies, queues, exchanges, bindings. */
    private static void importAll(ApiRequest r, JsonNode root, String onlyVhost) {
        if (!root.isObject()) {
            throw ApiException.badRequest("definitions must be a JSON object");
        }
        ApiContext c = r.context();
        if (onlyVhost == null) {
            importUsers(r, root);
            for (JsonNode v : root.path("vhosts")) {
                String name = v.path("name").asText();
                JsonNode meta = v.has("metadata") ? v.get("metadata") : v;
                r.await(c.vhostStore().put(name, new VhostStore.Metadata(meta.path("description").asText(""), Json.tags(meta.get("tags")),
                        meta.path("default_queue_type").asText("classic"))));
                c.routing().vhosts().create(name);
            }
        }
        for (JsonNode p : root.path("policies")) {
            String vhost = vhostOf(r, p, onlyVhost);
            r.await(c.policies().put(PolicyRoutes.parse(vhost, p.path("name").asText(), p)));
        }
        TopologyImport.queues(r, root.path("queues"), onlyVhost);
        TopologyImport.exchanges(r, root.path("exchanges"), onlyVhost);
        TopologyImport.bindings(r, root.path("bindings"), onlyVhost);
    }

    static String vhostOf(ApiRequest r, JsonNode item, String onlyVhost) {
        String vhost = onlyVhost != null ? onlyVhost : item.path("vhost").asText("/");
        if (r.context().routing().vhosts().get(vhost) == null) {
            throw ApiException.badRequest("virtual host '" + vhost + "' does not exist");
        }
        return vhost;
    }

    private static void importUsers(ApiRequest r, JsonNode root) {
        ObjectNode forStore = Json.MAPPER.createObjectNode();
        ArrayNode users = forStore.putArray("users");
        for (JsonNode u : root.path("users")) {
            if (u.has("password") || u.has("scram")) {
                ObjectNode copy = u.deepCopy();
                copy.remove("password_hash");
                copy.remove("hashing_algorithm");
                users.add(copy);
            } else {
                r.await(r.context().users().putUser(u.path("name").asText(), null, new LinkedHashSet<>(Json.tags(u.get("tags")))));
            }
        }
        ArrayNode permissions = forStore.putArray("permissions");
        root.path("permissions").forEach(permissions::add);
        for (JsonNode p : permissions) {
            if (r.context().routing().vhosts().get(p.path("vhost").asText("/")) == null) {
                r.context().routing().vhosts().create(p.path("vhost").asText("/"));
            }
        }
        r.await(UserDefinitions.importInto(r.context().users(), forStore.toString()));
    }
}
