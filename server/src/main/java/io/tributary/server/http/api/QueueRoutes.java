package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.config.security.VhostPermissions.Operation;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.stream.StreamSource;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.queues.Queue;
import io.tributary.queues.QueueCounters;
import io.tributary.queues.QueueStats;
import io.tributary.server.bridge.StreamDestinations;
import io.tributary.server.metrics.ManagementStats;
import io.tributary.server.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/queues[/{vhost}[/{name}]]}: list (classic queues and streams, with depths, rates,
 * consumers and the policy in force), declare (PUT), delete ({@code if-empty}, {@code if-unused}),
 * purge ({@code DELETE .../contents}).
 */
final class QueueRoutes {
    static final List<String> COUNTERS = List.of(ManagementStats.PUBLISH, ManagementStats.DELIVER_GET, ManagementStats.ACK,
            ManagementStats.REDELIVER);

    private QueueRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/queues", Access.MANAGEMENT, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VirtualHost vh : r.context().routing().vhosts().all()) {
                if (r.canSee(vh.name())) {
                    out.addAll(views(r, vh));
                }
            }
            return Replies.ok(Paging.apply(r, out));
        })
                .get("/api/queues/{vhost}", Access.MANAGEMENT, r -> Replies.ok(Paging.apply(r, views(r, r.vhost()))))
                .get("/api/queues/{vhost}/{name}", Access.MANAGEMENT, r -> Replies.ok(view(r, r.vhost(), require(r))))
                .put("/api/queues/{vhost}/{name}", Access.MANAGEMENT, QueueRoutes::put)
                .delete("/api/queues/{vhost}/{name}", Access.MANAGEMENT, QueueRoutes::delete)
                .delete("/api/queues/{vhost}/{name}/contents", Access.MANAGEMENT, QueueRoutes::purge);
    }

    static Destination require(ApiRequest r) {
        Destination d = r.vhost().destination(r.path("name"));
        if (d == null) {
            throw ApiException.notFound();
        }
        return d;
    }

    /** The classic queue of the path; 400 for a stream (it has no such operation). */
    static Queue requireQueue(ApiRequest r, String what) {
        Destination d = require(r);
        if (d instanceof Queue q) {
            return q;
        }
        throw ApiException.badRequest(what + " is not supported on " + d.definition().queueType() + " '" + d.name() + "'");
    }

    private static List<Map<String, Object>> views(ApiRequest r, VirtualHost vh) {
        List<Destination> all = new ArrayList<>(vh.destinations());
        all.sort(Comparator.comparing(Destination::name));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Destination d : all) {
            out.add(view(r, vh, d));
        }
        return out;
    }

    /** Counts from a queue that may have to ask another node; one that cannot answer is shown {@code down}, as RabbitMQ shows it. */
    private static void counts(io.tributary.queues.ConsumableQueue q, Map<String, Object> o) {
        try {
            QueueStats c = q.stats().join();
            o.put("messages", c.ready() + c.unacked());
            o.put("messages_ready", c.ready());
            o.put("messages_unacknowledged", c.unacked());
            o.put("consumers", c.consumers());
        } catch (java.util.concurrent.CompletionException e) {
            o.put("state", "down");
            o.put("messages", 0);
            o.put("consumers", 0);
        }
    }

    static Map<String, Object> view(ApiRequest r, VirtualHost vh, Destination d) {
        QueueDefinition def = d.definition();
        boolean stream = d instanceof StreamSource;
        Optional<Policy> policy = r.context().policies().effective(vh.name(), d.name(), stream ? Policy.Kind.STREAM : Policy.Kind.CLASSIC_QUEUE);
        Map<String, Object> o = Json.obj("name", d.name(), "vhost", vh.name(), "durable", def.durable(), "auto_delete", def.autoDelete(),
                "exclusive", def.exclusive(), "arguments", def.arguments(), "node", r.context().nodeName(), "state", "running",
                "type", def.queueType(), "policy", policy.map(Policy::name).orElse(null), "operator_policy", null,
                "effective_policy_definition", policy.map(Policy::definition).orElse(Map.of()), "exclusive_consumer_tag", null);
        if (d instanceof Queue q) {
            QueueCounters c = q.counters();
            o.put("messages", c.ready() + c.unacked());
            o.put("messages_ready", c.ready());
            o.put("messages_unacknowledged", c.unacked());
            o.put("consumers", c.consumers());
            o.put("effective_arguments", q.effectiveArguments());
            ManagementStats.Series s = r.context().stats().queue(q);
            StatsViews.lengths(r, s, OverviewRoutes.LENGTHS, o);
            o.put("message_stats", StatsViews.messageStats(r, s, COUNTERS));
        } else if (d instanceof io.tributary.server.quorum.QuorumQueue q) {
            // as RabbitMQ shows a quorum queue: its members and leader (here node ids), counts from this node's replica
            counts(q, o);
            o.put("members", q.members());
            int leader = q.leader();
            o.put("leader", leader < 0 ? null : leader);
        } else if (d instanceof io.tributary.server.remote.RemoteQueue q) {
            // a classic queue held by another node (its id): counts as that node reports them
            o.put("home_node", q.home());
            counts(q, o);
        } else if (d instanceof StreamSource st) {
            String topic = StreamDestinations.topicOf(def);
            long messages = 0;
            for (int p = 0; p < st.partitions(); p++) {
                Optional<PartitionLog> log = r.context().logs().log(new TopicPartition(topic, p));
                messages += log.map(l -> Math.max(0, l.highWatermark() - l.logStartOffset())).orElse(0L);
            }
            o.put("messages", messages);
            o.put("messages_ready", messages);
            o.put("messages_unacknowledged", 0);
            o.put("consumers", 0);
            o.put("topic", topic);
            o.put("partitions", st.partitions());
            ManagementStats.Series s = r.context().stats().topic(topic);
            o.put("message_stats", Json.obj("publish", s.ring(ManagementStats.LOG_END_OFFSET).last(), "publish_details",
                    Json.rate(s.ring(ManagementStats.LOG_END_OFFSET).rate())));
        }
        return o;
    }

    private static FullHttpResponse put(ApiRequest r) {
        VirtualHost vh = r.vhost();
        String name = r.path("name");
        if (name.isEmpty() || name.startsWith("amq.")) {
            throw ApiException.forbidden("queue name '" + name + "' contains reserved prefix 'amq.*'");
        }
        r.requirePermission(vh.name(), Operation.CONFIGURE, name);
        JsonNode b = r.body();
        Map<String, Object> args = Json.map(b.get("arguments"));
        if (b.hasNonNull("type") && !args.containsKey("x-queue-type")) {
            args.put("x-queue-type", b.get("type").asText());
        }
        String dlx = args.get("x-dead-letter-exchange") == null ? null : args.get("x-dead-letter-exchange").toString();
        if (dlx != null) {
            // as queue.declare: dead letters are written to the DLX with what is read from this queue
            r.requirePermission(vh.name(), Operation.WRITE, dlx);
            r.requirePermission(vh.name(), Operation.READ, name);
        }
        boolean isNew = vh.destination(name) == null;
        QueueDefinition def = new QueueDefinition(vh.name(), name, b.path("durable").asBoolean(true), null, b.path("auto_delete").asBoolean(false),
                args);
        r.await(vh.declareQueue(def, r.context().amqp().destinations()));
        return Replies.createdOrUpdated(isNew);
    }

    private static FullHttpResponse delete(ApiRequest r) {
        VirtualHost vh = r.vhost();
        Destination d = require(r);
        r.requirePermission(vh.name(), Operation.CONFIGURE, d.name());
        if (d instanceof Queue q) {
            r.await(q.checkDeletable(r.flag("if-unused"), r.flag("if-empty")));
        }
        r.await(vh.deleteQueue(d));
        return Replies.noContent();
    }

    private static FullHttpResponse purge(ApiRequest r) {
        VirtualHost vh = r.vhost();
        Queue q = requireQueue(r, "purge");
        r.requirePermission(vh.name(), Operation.READ, q.name());
        r.await(q.purge());
        return Replies.noContent();
    }
}
