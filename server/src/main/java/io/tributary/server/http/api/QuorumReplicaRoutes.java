package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.quorum.QuorumQueue;
import io.tributary.server.quorum.QuorumRebalance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A quorum queue's replicas, at RabbitMQ's addresses (administrators only): one queue's
 * {@code POST .../replicas/add} and {@code DELETE .../replicas/delete} with {@code {"node": ID}}, and
 * for every matching queue at once {@code POST /api/queues/quorum/replicas/on/{node}/grow}
 * ({@code vhost_pattern}, {@code queue_pattern}, {@code strategy} {@code all} or {@code even}) and
 * {@code DELETE .../replicas/on/{node}/shrink}; {@code POST /api/rebalance/queues} spreads their
 * leaders over the nodes. Nodes are named by their cluster node id.
 */
final class QuorumReplicaRoutes {
    private QuorumReplicaRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.post("/api/queues/quorum/{vhost}/{name}/replicas/add", Access.ADMINISTRATOR, r -> one(r, QuorumQueue::addMember))
                .delete("/api/queues/quorum/{vhost}/{name}/replicas/delete", Access.ADMINISTRATOR, r -> one(r, QuorumQueue::removeMember))
                .post("/api/queues/quorum/replicas/on/{node}/grow", Access.ADMINISTRATOR, QuorumReplicaRoutes::grow)
                .delete("/api/queues/quorum/replicas/on/{node}/shrink", Access.ADMINISTRATOR, QuorumReplicaRoutes::shrink)
                .post("/api/rebalance/queues", Access.ADMINISTRATOR, QuorumReplicaRoutes::rebalance);
    }

    private static FullHttpResponse one(ApiRequest r, BiFunction<QuorumQueue, Integer, CompletableFuture<Void>> change) {
        Destination d = QueueRoutes.require(r);
        if (!(d instanceof QuorumQueue q)) {
            throw ApiException.badRequest("'" + d.name() + "' is not a quorum queue");
        }
        r.await(change.apply(q, nodeId(r.body().get("node"))));
        return Replies.noContent();
    }

    /** Adds a replica on the node to every matching quorum queue without one ({@code even}: only to those with an even number). */
    private static FullHttpResponse grow(ApiRequest r) {
        int node = nodeId(r.path("node"));
        JsonNode b = r.body();
        String strategy = b.path("strategy").asText("all");
        if (!strategy.equals("all") && !strategy.equals("even")) {
            throw ApiException.badRequest("strategy must be 'all' or 'even', not '" + strategy + "'");
        }
        Pattern vhosts = pattern(b, "vhost_pattern");
        Pattern queues = pattern(b, "queue_pattern");
        List<Map<String, Object>> out = new ArrayList<>();
        for (QuorumQueue q : quorumQueues(r, vhosts, queues)) {
            if (!q.members().contains(node) && (strategy.equals("all") || q.members().size() % 2 == 0)) {
                out.add(result(r, q, () -> q.addMember(node)));
            }
        }
        return Replies.ok(out);
    }

    /** Removes the node's replica from every quorum queue it holds one of (not from a queue where it is the last). */
    private static FullHttpResponse shrink(ApiRequest r) {
        int node = nodeId(r.path("node"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (QuorumQueue q : quorumQueues(r, Pattern.compile(".*"), Pattern.compile(".*"))) {
            if (q.members().contains(node)) {
                out.add(result(r, q, () -> q.removeMember(node)));
            }
        }
        return Replies.ok(out);
    }

    /** Spreads the quorum queues' leaders over their members' nodes; as RabbitMQ's, it answers at once and works on (the log says how it went). */
    private static FullHttpResponse rebalance(ApiRequest r) {
        QuorumRebalance.run(quorumQueues(r, Pattern.compile(".*"), Pattern.compile(".*")));
        return Replies.noContent();
    }

    private static Map<String, Object> result(ApiRequest r, QuorumQueue q, java.util.function.Supplier<CompletableFuture<Void>> change) {
        Map<String, Object> o = Json.obj("vhost", q.definition().vhost(), "name", q.name());
        try {
            r.await(change.get());
            o.put("result", "ok");
        } catch (RuntimeException e) {
            o.put("result", "error");
            o.put("reason", String.valueOf(e.getMessage()));
        }
        o.put("size", q.members().size());
        return o;
    }

    private static List<QuorumQueue> quorumQueues(ApiRequest r, Pattern vhosts, Pattern queues) {
        List<QuorumQueue> out = new ArrayList<>();
        for (VirtualHost vh : r.context().routing().vhosts().all()) {
            if (!vhosts.matcher(vh.name()).matches()) {
                continue;
            }
            for (Destination d : vh.destinations()) {
                if (d instanceof QuorumQueue q && queues.matcher(q.name()).matches()) {
                    out.add(q);
                }
            }
        }
        out.sort(Comparator.comparing((QuorumQueue q) -> q.definition().vhost()).thenComparing(QuorumQueue::name));
        return out;
    }

    private static Pattern pattern(JsonNode body, String field) {
        String p = body.path(field).asText(".*");
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest(field + " is not a regular expression: " + e.getDescription());
        }
    }

    private static int nodeId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("'node' (a cluster node id) is required");
        }
        return nodeId(node.asText());
    }

    private static int nodeId(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("node '" + text + "' is not a cluster node id (a number)");
        }
    }
}
