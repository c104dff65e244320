package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/policies[/{vhost}[/{name}]]}: pattern-applied queue arguments, which the queues honour at once. */
final class PolicyRoutes {
    private PolicyRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/policies", Access.POLICYMAKER, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Policy p : r.context().policies().list()) {
                if (r.canSee(p.vhost())) {
                    out.add(view(p));
                }
            }
            return Replies.ok(out);
        })
                .get("/api/policies/{vhost}", Access.POLICYMAKER, r -> Replies.ok(r.context().policies().list(r.vhost().name())
                        .stream().map(PolicyRoutes::view).toList()))
                .get("/api/policies/{vhost}/{name}", Access.POLICYMAKER, r -> Replies.ok(view(
                        r.context().policies().get(r.vhost().name(), r.path("name")).orElseThrow(ApiException::notFound))))
                .put("/api/policies/{vhost}/{name}", Access.POLICYMAKER, PolicyRoutes::put)
                .delete("/api/policies/{vhost}/{name}", Access.POLICYMAKER, r -> {
                    if (!r.await(r.context().policies().delete(r.vhost().name(), r.path("name")))) {
                        throw ApiException.notFound();
                    }
                    return Replies.noContent();
                })
                .get("/api/operator-policies", Access.POLICYMAKER, r -> Replies.ok(List.of()));
    }

    static Map<String, Object> view(Policy p) {
        return Json.obj("vhost", p.vhost(), "name", p.name(), "pattern", p.pattern(), "apply-to", p.applyTo(), "definition", p.definition(),
                "priority", p.priority());
    }

    /** A policy from RabbitMQ's JSON ({@code pattern}, {@code definition}, {@code priority}, {@code apply-to}). */
    static Policy parse(String vhost, String name, JsonNode b) {
        if (!b.hasNonNull("pattern")) {
            throw ApiException.badRequest("[{key_missing,pattern}]");
        }
        if (!b.hasNonNull("definition")) {
            throw ApiException.badRequest("[{key_missing,definition}]");
        }
        return new Policy(vhost, name, b.get("pattern").asText(), b.path("apply-to").asText("all"), b.path("priority").asInt(0),
                Json.map(b.get("definition")));
    }

    private static FullHttpResponse put(ApiRequest r) {
        VirtualHost vh = r.vhost();
        String name = r.path("name");
        Policy p = parse(vh.name(), name, r.body());
        boolean isNew = r.context().policies().get(vh.name(), name).isEmpty();
        r.await(r.context().policies().put(p));
        return Replies.createdOrUpdated(isNew);
    }
}
