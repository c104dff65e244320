package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.config.security.VhostPermissions.Operation;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.stream.StreamSource;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.bridge.StreamDestinations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * AMQP streams and super streams (Kafka topics seen as queues): {@code /api/streams[/{vhost}[/{name}]]}
 * with their topic, partitions and offsets; {@code PUT} with {@code {"partitions": N, "arguments": {...}}}
 * declares one ({@code N > 1}: a super stream), {@code DELETE} deletes it and its topic.
 */
final class StreamRoutes {
    private StreamRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/streams", Access.MANAGEMENT, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VirtualHost vh : r.context().routing().vhosts().all()) {
                if (r.canSee(vh.name())) {
                    out.addAll(views(r, vh));
                }
            }
            return Replies.ok(out);
        })
                .get("/api/streams/{vhost}", Access.MANAGEMENT, r -> Replies.ok(views(r, r.vhost())))
                .get("/api/streams/{vhost}/{name}", Access.MANAGEMENT, r -> Replies.ok(view(r, r.vhost(), require(r))))
                .put("/api/streams/{vhost}/{name}", Access.MANAGEMENT, StreamRoutes::put)
                .delete("/api/streams/{vhost}/{name}", Access.MANAGEMENT, r -> {
                    VirtualHost vh = r.vhost();
                    StreamSource s = require(r);
                    r.requirePermission(vh.name(), Operation.CONFIGURE, s.name());
                    r.await(vh.deleteQueue(s));
                    return Replies.noContent();
                });
    }

    private static StreamSource require(ApiRequest r) {
        Destination d = r.vhost().destination(r.path("name"));
        if (d instanceof StreamSource s) {
            return s;
        }
        throw ApiException.notFound();
    }

    private static List<Map<String, Object>> views(ApiRequest r, VirtualHost vh) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Destination> all = new ArrayList<>(vh.destinations());
        all.sort(Comparator.comparing(Destination::name));
        for (Destination d : all) {
            if (d instanceof StreamSource s) {
                out.add(view(r, vh, s));
            }
        }
        return out;
    }

    private static Map<String, Object> view(ApiRequest r, VirtualHost vh, StreamSource s) {
        Map<String, Object> o = QueueRoutes.view(r, vh, s);
        o.put("type", s.partitions() > 1 ? "super-stream" : "stream");
        o.put("partition_details", TopicRoutes.partitions(TopicRoutes.logs(r, StreamDestinations.topicOf(s.definition()), s.partitions()),
                r.context().config().get(io.tributary.config.NodeSettings.NODE_ID)));
        return o;
    }

    private static FullHttpResponse put(ApiRequest r) {
        VirtualHost vh = r.vhost();
        String name = r.path("name");
        r.requirePermission(vh.name(), Operation.CONFIGURE, name);
        JsonNode b = r.body();
        Map<String, Object> args = Json.map(b.get("arguments"));
        args.put("x-queue-type", "stream");
        int partitions = b.path("partitions").asInt(1);
        if (partitions < 1) {
            throw ApiException.badRequest("partitions must be at least 1");
        }
        if (partitions > 1) {
            args.put("x-super-stream", (long) partitions);
        }
        Destination existing = vh.destination(name);
        if (existing != null && !(existing instanceof StreamSource)) {
            throw ApiException.badRequest("'" + name + "' in vhost '" + vh.name() + "' is a " + existing.definition().queueType() + " queue");
        }
        r.await(vh.declareQueue(new QueueDefinition(vh.name(), name, true, null, false, args), r.context().amqp().destinations()));
        return Replies.createdOrUpdated(existing == null);
    }
}
