package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.config.security.VhostPermissions.Operation;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.RoutedDestinations;
import io.tributary.exchanges.Router;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.queues.GetResult;
import io.tributary.queues.Queue;
import io.tributary.queues.store.QueueEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * RabbitMQ's test-message endpoints: {@code POST /api/exchanges/{vhost}/{name}/publish} (body
 * {@code properties}, {@code routing_key}, {@code payload}, {@code payload_encoding}; answer
 * {@code {"routed": true|false}}, once every queue has the message) and
 * {@code POST /api/queues/{vhost}/{name}/get} ({@code count}, {@code ackmode}, {@code encoding},
 * {@code truncate}).
 */
final class MessageRoutes {
    private MessageRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.post("/api/exchanges/{vhost}/{name}/publish", Access.MANAGEMENT, MessageRoutes::publish)
                .post("/api/queues/{vhost}/{name}/get", Access.MANAGEMENT, MessageRoutes::get);
    }

    private static FullHttpResponse publish(ApiRequest r) {
        VirtualHost vh = r.vhost();
        Exchange x = ExchangeRoutes.require(r);
        r.requirePermission(vh.name(), Operation.WRITE, x.name());
        if (x.internal()) {
            throw ApiException.forbidden("cannot publish to internal exchange '" + x.name() + "' in vhost '" + vh.name() + "'");
        }
        JsonNode b = r.body();
        for (String k : List.of("routing_key", "payload", "payload_encoding")) {
            if (!b.has(k)) {
                throw ApiException.badRequest("[{key_missing," + k + "}]");
            }
        }
        byte[] body = payload(b.get("payload").asText(), b.get("payload_encoding").asText());
        MessageProperties props = properties(b.path("properties"));
        Message m = new Message(BasicProperties.FORMAT, BasicProperties.FORMAT.encode(props), body, x.name(), b.get("routing_key").asText(),
                System.currentTimeMillis());
        RoutedDestinations routed = new RoutedDestinations();
        Router.route(vh, x, m, routed);
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < routed.size(); i++) {
            accepted.add(routed.get(i).accept(m));
        }
        r.context().stats().countPublished();
        r.await(CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)));
        return Replies.ok(Json.obj("routed", !routed.isEmpty()));
    }

    private static byte[] payload(String text, String encoding) {
        if ("base64".equals(encoding)) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("payload is not valid base64");
            }
        }
        if (!"string".equals(encoding)) {
            throw ApiException.badRequest("payload_encoding must be 'string' or 'base64', not '" + encoding + "'");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static MessageProperties properties(JsonNode p) {
        if (!p.isObject()) {
            return MessageProperties.EMPTY;
        }
        Map<String, Object> headers = p.has("headers") ? Json.map(p.get("headers")) : null;
        return new MessageProperties(text(p, "content_type"), text(p, "content_encoding"), headers, integer(p, "delivery_mode"),
                integer(p, "priority"), text(p, "correlation_id"), text(p, "reply_to"), text(p, "expiration"), text(p, "message_id"),
                p.has("timestamp") ? p.get("timestamp").asLong() : null, text(p, "type"), text(p, "user_id"), text(p, "app_id"),
                text(p, "cluster_id"));
    }

    private static String text(JsonNode p, String k) {
        return p.hasNonNull(k) ? p.get(k).asText() : null;
    }

    private static Integer integer(JsonNode p, String k) {
        if (!p.hasNonNull(k)) {
            return null;
        }
        if (!p.get(k).canConvertToInt() && !p.get(k).isTextual()) {
            throw ApiException.badRequest(k + " must be an integer");
        }
        return p.get(k).isTextual() ? Integer.valueOf(p.get(k).asText()) : p.get(k).asInt();
    }

    private static FullHttpResponse get(ApiRequest r) {
        VirtualHost vh = r.vhost();
        Queue q = QueueRoutes.requireQueue(r, "get");
        r.requirePermission(vh.name(), Operation.READ, q.name());
        JsonNode b = r.body();
        String ackmode = b.path("ackmode").asText("");
        if (!List.of("ack_requeue_true", "ack_requeue_false", "reject_requeue_true", "reject_requeue_false").contains(ackmode)) {
            throw ApiException.badRequest("ackmode must be ack_requeue_true, ack_requeue_false, reject_requeue_true or reject_requeue_false");
        }
        if (!b.has("count") || !b.has("encoding")) {
            throw ApiException.badRequest("[{key_missing," + (b.has("count") ? "encoding" : "count") + "}]");
        }
        String encoding = b.get("encoding").asText();
        if (!"auto".equals(encoding) && !"base64".equals(encoding)) {
            throw ApiException.badRequest("Unsupported encoding " + encoding);
        }
        int count = b.get("count").asInt();
        int truncate = b.has("truncate") ? b.get("truncate").asInt() : Integer.MAX_VALUE;
        List<Object> out = new ArrayList<>();
        List<QueueEntry> taken = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                GetResult g = r.await(q.get(true));
                if (g.message() == null) {
                    break;
                }
                taken.add(g.entry());
                out.add(view(g, truncate, encoding));
            }
        } finally {
            settle(q, taken, ackmode);
        }
        return Replies.ok(out);
    }

    private static void settle(Queue q, List<QueueEntry> taken, String ackmode) {
        if (taken.isEmpty()) {
            return;
        }
        if (ackmode.endsWith("requeue_true")) {
            q.requeue(taken);
        } else if (ackmode.startsWith("ack")) {
            q.ack(taken);
        } else {
            q.reject(taken);
        }
    }

    private static Map<String, Object> view(GetResult g, int truncate, String encoding) {
        Message m = g.message();
        byte[] bytes = m.bodyArray();
        byte[] shown = bytes.length > truncate ? Arrays.copyOf(bytes, truncate) : bytes;
        String text = "auto".equals(encoding) ? utf8(shown) : null;
        return Json.obj("payload_bytes", bytes.length, "redelivered", g.redelivered(), "exchange", m.exchange(), "routing_key", m.routingKey(),
                "message_count", g.messagesLeft(), "properties", propertiesView(m.properties()),
                "payload", text != null ? text : Base64.getEncoder().encodeToString(shown), "payload_encoding", text != null ? "string" : "base64");
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static Map<String, Object> propertiesView(MessageProperties p) {
        Map<String, Object> o = Json.obj();
        put(o, "content_type", p.contentType());
        put(o, "content_encoding", p.contentEncoding());
        put(o, "headers", p.headers());
        put(o, "delivery_mode", p.deliveryMode());
        put(o, "priority", p.priority());
        put(o, "correlation_id", p.correlationId());
        put(o, "reply_to", p.replyTo());
        put(o, "expiration", p.expiration());
        put(o, "message_id", p.messageId());
        put(o, "timestamp", p.timestamp());
        put(o, "type", p.type());
        put(o, "user_id", p.userId());
        put(o, "app_id", p.appId());
        put(o, "cluster_id", p.clusterId());
        return o;
    }

    private static void put(Map<String, Object> o, String k, Object v) {
        if (v != null) {
            o.put(k, v);
        }
    }
}
