package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.amqp.AmqpConnectionInfo;
import io.tributary.config.security.VhostPermissions;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import io.tributary.queues.Queue;
import io.tributary.server.policy.Policy;
import io.tributary.server.routing.VhostStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code /api/vhosts[/{vhost}]}: list, create (PUT), delete with everything in it. */
final class VhostRoutes {
    private VhostRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/vhosts", Access.MANAGEMENT, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            List<VirtualHost> all = new ArrayList<>(r.context().routing().vhosts().all());
            all.sort(Comparator.comparing(VirtualHost::name));
            for (VirtualHost vh : all) {
                if (r.canSee(vh.name())) {
                    out.add(view(r, vh));
                }
            }
            return Replies.ok(Paging.apply(r, out));
        })
                .get("/api/vhosts/{vhost}", Access.MANAGEMENT, r -> Replies.ok(view(r, r.vhost())))
                .put("/api/vhosts/{vhost}", Access.ADMINISTRATOR, VhostRoutes::put)
                .delete("/api/vhosts/{vhost}", Access.ADMINISTRATOR, VhostRoutes::delete)
                .get("/api/aliveness-test/{vhost}", Access.MANAGEMENT, r -> {
                    r.vhost();
                    return Replies.ok(Json.obj("status", "ok"));
                });
    }

    static Map<String, Object> view(ApiRequest r, VirtualHost vh) {
        VhostStore.Metadata m = r.context().vhostStore().metadata(vh.name());
        long ready = 0;
        long unacked = 0;
        for (Destination d : vh.destinations()) {
            if (d instanceof Queue q) {
                ready += q.counters().ready();
                unacked += q.counters().unacked();
            }
        }
        return Json.obj("name", vh.name(), "description", m.description(), "tags", m.tags(), "default_queue_type", m.defaultQueueType(),
                "metadata", Json.obj("description", m.description(), "tags", m.tags(), "default_queue_type", m.defaultQueueType()),
                "tracing", false, "cluster_state", Json.obj(r.context().nodeName(), "running"), "messages", ready + unacked,
                "messages_ready", ready, "messages_unacknowledged", unacked);
    }

    private static FullHttpResponse put(ApiRequest r) {
        String name = r.path("vhost");
        if (name.isEmpty()) {
            throw ApiException.badRequest("a virtual host needs a name");
        }
        JsonNode b = r.body();
        VirtualHosts vhosts = r.context().routing().vhosts();
        boolean isNew = vhosts.get(name) == null;
        VhostStore.Metadata old = r.context().vhostStore().metadata(name);
        VhostStore.Metadata m = new VhostStore.Metadata(b.has("description") ? b.path("description").asText() : old.description(),
                b.has("tags") ? Json.tags(b.get("tags")) : old.tags(), b.path("default_queue_type").asText(old.defaultQueueType()));
        r.await(r.context().vhostStore().put(name, m));
        vhosts.create(name);
        if (isNew) {
            // as in RabbitMQ, whoever creates a virtual host over HTTP may use it
            r.await(r.context().users().setPermissions(r.user().name(), name, VhostPermissions.ALL));
        }
        return Replies.createdOrUpdated(isNew);
    }

    private static FullHttpResponse delete(ApiRequest r) {
        String name = r.path("vhost");
        VirtualHost vh = r.context().routing().vhosts().get(name);
        if (vh == null) {
            throw ApiException.notFound();
        }
        if (VirtualHosts.DEFAULT.equals(name)) {
            throw ApiException.badRequest("the default virtual host '/' cannot be deleted");
        }
        for (AmqpConnectionInfo c : r.context().amqp().connections()) {
            if (name.equals(c.vhost())) {
                c.forceClose("vhost '" + name + "' is deleted");
            }
        }
        for (Destination d : vh.destinations()) {
            r.await(vh.deleteQueue(d));
        }
        for (Exchange e : vh.exchanges()) {
            if (!e.name().isEmpty() && !e.name().startsWith("amq.")) {
                r.await(vh.deleteExchange(e.name(), false));
            }
        }
        for (String user : r.context().users().users().keySet()) {
            if (r.context().users().permissions(user, name).isPresent()) {
                r.await(r.context().users().clearPermissions(user, name));
            }
        }
        for (Policy p : r.context().policies().list(name)) {
            r.await(r.context().policies().delete(name, p.name()));
        }
        r.await(r.context().vhostStore().delete(name));
        r.context().routing().vhosts().remove(name);
        return Replies.noContent();
    }
}
