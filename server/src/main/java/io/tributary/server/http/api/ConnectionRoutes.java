package io.tributary.server.http.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.amqp.AmqpChannelInfo;
import io.tributary.amqp.AmqpConnectionInfo;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AMQP connections, channels and consumers: {@code /api/connections[/{name}]} (DELETE closes it
 * with CONNECTION_FORCED and the {@code X-Reason} header as the reason), {@code /api/channels},
 * {@code /api/consumers[/{vhost}]} and their per-vhost and per-connection forms. Users without
 * {@code monitoring} see only their own connections.
 */
final class ConnectionRoutes {
    private ConnectionRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/connections", Access.MANAGEMENT, r -> Replies.ok(Paging.apply(r, connections(r, c -> true))))
                .get("/api/vhosts/{vhost}/connections", Access.MANAGEMENT, r -> {
                    String vhost = r.vhost().name();
                    return Replies.ok(connections(r, c -> vhost.equals(c.vhost())));
                })
                .get("/api/connections/{name}", Access.MANAGEMENT, r -> Replies.ok(view(r, require(r))))
                .delete("/api/connections/{name}", Access.MANAGEMENT, ConnectionRoutes::close)
                .get("/api/connections/{name}/channels", Access.MANAGEMENT, r -> {
                    AmqpConnectionInfo c = require(r);
                    return Replies.ok(channels(r, x -> x == c));
                })
                .get("/api/channels", Access.MANAGEMENT, r -> Replies.ok(Paging.apply(r, channels(r, c -> true))))
                .get("/api/vhosts/{vhost}/channels", Access.MANAGEMENT, r -> {
                    String vhost = r.vhost().name();
                    return Replies.ok(channels(r, c -> vhost.equals(c.vhost())));
                })
                .get("/api/channels/{channel}", Access.MANAGEMENT, r -> {
                    for (Map<String, Object> ch : channels(r, c -> true)) {
                        if (r.path("channel").equals(ch.get("name"))) {
                            return Replies.ok(ch);
                        }
                    }
                    throw ApiException.notFound();
                })
                .get("/api/consumers", Access.MANAGEMENT, r -> Replies.ok(consumers(r, c -> true)))
                .get("/api/consumers/{vhost}", Access.MANAGEMENT, r -> {
                    String vhost = r.vhost().name();
                    return Replies.ok(consumers(r, c -> vhost.equals(c.vhost())));
                });
    }

    /** A user sees its own connections; monitoring and administrators see all. */
    static boolean visible(ApiRequest r, AmqpConnectionInfo c) {
        return c.user() != null && (r.user().seesEverything() || r.user().name().equals(c.user()));
    }

    private static List<AmqpConnectionInfo> visibleConnections(ApiRequest r, Predicate<AmqpConnectionInfo> filter) {
        List<AmqpConnectionInfo> out = new ArrayList<>();
        for (AmqpConnectionInfo c : r.context().amqp().connections()) {
            if (visible(r, c) && filter.test(c)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(ConnectionRoutes::name));
        return out;
    }

    private static AmqpConnectionInfo require(ApiRequest r) {
        String name = r.path("name");
        for (AmqpConnectionInfo c : visibleConnections(r, c -> true)) {
            if (name(c).equals(name)) {
                return c;
            }
        }
        throw ApiException.notFound();
    }

    /** RabbitMQ's connection name: {@code peer_host:peer_port -> host:port}. */
    static String name(AmqpConnectionInfo c) {
        return hostPort(c.remoteAddress()) + " -> " + hostPort(c.localAddress());
    }

    private static String hostPort(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() + ":" + i.getPort() : String.valueOf(a);
    }

    private static List<Map<String, Object>> connections(ApiRequest r, Predicate<AmqpConnectionInfo> filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AmqpConnectionInfo c : visibleConnections(r, filter)) {
            out.add(view(r, c));
        }
        return out;
    }

    private static Map<String, Object> view(ApiRequest r, AmqpConnectionInfo c) {
        InetSocketAddress peer = c.remoteAddress() instanceof InetSocketAddress i ? i : null;
        InetSocketAddress local = c.localAddress() instanceof InetSocketAddress i ? i : null;
        return Json.obj("name", name(c), "node", r.context().nodeName(), "user", c.user(), "vhost", c.vhost(), "protocol", c.protocol(),
                "channels", c.channelCount(), "state", "running", "type", "network", "client_properties", c.clientProperties(),
                "host", local == null ? null : local.getAddress().getHostAddress(), "port", local == null ? 0 : local.getPort(),
                "peer_host", peer == null ? null : peer.getAddress().getHostAddress(), "peer_port", peer == null ? 0 : peer.getPort(),
                "connected_at", c.connectedAtMillis(), "auth_mechanism", c.authMechanism(), "ssl", false,
                "message_stats", Json.obj("publish", c.publishedMessages(), "deliver_get", c.deliveredMessages()));
    }

    private static FullHttpResponse close(ApiRequest r) {
        AmqpConnectionInfo c = require(r);
        if (!r.user().administrator() && !r.user().name().equals(c.user())) {
            throw ApiException.forbidden("only administrators may close other users' connections");
        }
        String reason = r.http().header("X-Reason");
        c.forceClose(reason == null || reason.isBlank() ? "Closed via management plugin" : reason);
        return Replies.noContent();
    }

    private static List<Map<String, Object>> channels(ApiRequest r, Predicate<AmqpConnectionInfo> filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AmqpConnectionInfo c : visibleConnections(r, filter)) {
            for (AmqpChannelInfo ch : r.await(c.channels())) {
                out.add(channelView(r, c, ch));
            }
        }
        return out;
    }

    private static Map<String, Object> connectionDetails(AmqpConnectionInfo c) {
        InetSocketAddress peer = c.remoteAddress() instanceof InetSocketAddress i ? i : null;
        return Json.obj("name", name(c), "peer_host", peer == null ? null : peer.getAddress().getHostAddress(), "peer_port",
                peer == null ? 0 : peer.getPort());
    }

    private static Map<String, Object> channelView(ApiRequest r, AmqpConnectionInfo c, AmqpChannelInfo ch) {
        return Json.obj("name", name(c) + " (" + ch.number() + ")", "number", ch.number(), "connection_details", connectionDetails(c),
                "node", r.context().nodeName(), "user", c.user(), "vhost", c.vhost(), "consumer_count", ch.consumers().size(),
                "messages_unacknowledged", ch.unacked(), "prefetch_count", ch.prefetchCount(), "global_prefetch_count",
                ch.globalPrefetchCount(), "confirm", ch.confirm(), "transactional", ch.transactional(), "state", "running");
    }

    private static List<Map<String, Object>> consumers(ApiRequest r, Predicate<AmqpConnectionInfo> filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AmqpConnectionInfo c : visibleConnections(r, filter)) {
            for (AmqpChannelInfo ch : r.await(c.channels())) {
                Map<String, Object> channel = Json.obj("name", name(c) + " (" + ch.number() + ")", "number", ch.number(), "connection_name",
                        name(c), "peer_host", connectionDetails(c).get("peer_host"), "peer_port", connectionDetails(c).get("peer_port"),
                        "user", c.user());
                for (AmqpChannelInfo.Consumer k : ch.consumers()) {
                    out.add(Json.obj("consumer_tag", k.tag(), "queue", Json.obj("name", k.queue(), "vhost", c.vhost()), "channel_details",
                            channel, "ack_required", k.ackRequired(), "exclusive", k.exclusive(), "prefetch_count", k.prefetchCount(),
                            "active", true, "activity_status", "up", "arguments", Json.obj()));
                }
            }
        }
        return out;
    }
}
