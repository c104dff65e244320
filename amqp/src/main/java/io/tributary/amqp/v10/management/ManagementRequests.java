package io.tributary.amqp.v10.management;

import io.tributary.amqp.auth.VhostAccess;
import io.tributary.amqp.auth.VhostAccess.Kind;
import io.tributary.amqp.v10.message.Values;
import io.tributary.amqp.v10.session.Amqp10Connection;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.error.ResourceLockedException;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.QueueStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;

/**
 * The management operations, as RabbitMQ 4 names them:
 *
 * <pre>
 * PUT    /queues/{q}            declare (body: durable, exclusive, auto_delete, arguments) → 201 created, 200 existed
 * GET    /queues/{q}            queue info → 200
 * DELETE /queues/{q}            → 200 {message_count}
 * DELETE /queues/{q}/messages   purge → 200 {message_count}
 * PUT    /exchanges/{x}         declare (body: type, durable, auto_delete, internal, arguments) → 204
 * DELETE /exchanges/{x}         → 204
 * POST   /bindings              bind (body: source, binding_key, arguments, destination_queue | destination_exchange) → 204
 * DELETE /bindings/src=…;dstq=…|dste=…;key=…;args=   unbind → 204
 * </pre>
 *
 * Failures answer 404 (not found), 403 (refused), 409 (inequivalent, locked) or 400, with the reason as body.
 */
final class ManagementRequests {
    /** Where the answer goes; may be called on any thread. */
    @FunctionalInterface
    interface Responder {
        void respond(int code, Object body);
    }

    private static final String QUEUES = "/queues/";
    private static final String EXCHANGES = "/exchanges/";
    private static final String BINDINGS = "/bindings";

    private final Amqp10Connection conn;

    ManagementRequests(Amqp10Connection conn) {
        this.conn = conn;
    }

    void handle(String method, String path, Map<?, ?> body, Responder out) {
        CompletableFuture<Answer> f;
        try {
            f = route(method == null ? "" : method, path == null ? "" : path, body == null ? Map.of() : body);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((a, e) -> {
            if (e == null) {
                out.respond(a.code(), a.body());
            } else {
                Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                out.respond(code(t), String.valueOf(t.getMessage()));
            }
        });
    }

    private record Answer(int code, Object body) {
    }

    private CompletableFuture<Answer> route(String method, String path, Map<?, ?> body) {
        VirtualHost vh = conn.vhostRef();
        if (path.startsWith(QUEUES)) {
            String rest = path.substring(QUEUES.length());
            if (rest.endsWith("/messages") && "DELETE".equals(method)) {
                String purged = Values.decode(rest.substring(0, rest.length() - "/messages".length()));
                conn.access().read(Kind.QUEUE, purged);
                ConsumableQueue q = queue(vh, purged);
                return q.purge().thenApply(n -> new Answer(200, Map.of("message_count", UnsignedLong.valueOf(n))));
            }
            String name = Values.decode(rest);
            if ("PUT".equals(method) || "DELETE".equals(method)) {
                conn.access().configure(Kind.QUEUE, name);
            }
            switch (method) {
                case "PUT": return declareQueue(vh, name, body);
                case "GET": return info(vh.requireDestination(name), 200);
                case "DELETE": return deleteQueue(vh, name);
                default: break;
            }
        } else if (path.startsWith(EXCHANGES)) {
            String name = Values.decode(path.substring(EXCHANGES.length()));
            if ("PUT".equals(method) || "DELETE".equals(method)) {
                conn.access().configure(Kind.EXCHANGE, name);
            }
            if ("PUT".equals(method)) {
                ExchangeDefinition def = new ExchangeDefinition(vh.name(), name, str(body.get("type"), "direct"),
                        bool(body.get("durable"), true), bool(body.get("auto_delete"), false), bool(body.get("internal"), false),
                        args(body.get("arguments")));
                if (name.isEmpty() || name.startsWith("amq.") && vh.exchange(name) == null) {
                    throw new AccessRefusedException("exchange name '" + name + "' is reserved");
                }
                return vh.declareExchange(def).thenApply(e -> new Answer(204, null));
            }
            if ("DELETE".equals(method)) {
                return vh.deleteExchange(name, false).thenApply(v -> new Answer(204, null));
            }
        } else if (path.startsWith(BINDINGS)) {
            if ("POST".equals(method) && path.equals(BINDINGS)) {
                return vh.bind(checked(binding(body))).thenApply(v -> new Answer(204, null));
            }
            if ("DELETE".equals(method) && path.startsWith(BINDINGS + "/")) {
                return vh.unbind(checked(binding(path.substring(BINDINGS.length() + 1)))).thenApply(v -> new Answer(204, null));
            }
        }
        return CompletableFuture.completedFuture(new Answer(400, "unsupported management request " + method + " " + path));
    }

    private CompletableFuture<Answer> declareQueue(VirtualHost vh, String name, Map<?, ?> body) {
        if (name.startsWith("amq.")) {
            throw new AccessRefusedException("queue name '" + name + "' contains reserved prefix 'amq.*'");
        }
        boolean existed = vh.destination(name) != null;
        boolean exclusive = bool(body.get("exclusive"), false);
        QueueDefinition def = new QueueDefinition(vh.name(), name, bool(body.get("durable"), true), exclusive ? conn.id() : null,
                bool(body.get("auto_delete"), false), args(body.get("arguments")));
        return vh.declareQueue(def, conn.context().destinations()).thenCompose(d -> {
            if (d.definition().exclusive() && !existed) {
                conn.exclusiveQueueDeclared(d);
            }
            return info(d, existed ? 200 : 201);
        });
    }

    private CompletableFuture<Answer> deleteQueue(VirtualHost vh, String name) {
        Destination d = vh.destination(name);
        if (d == null) {
            return CompletableFuture.completedFuture(new Answer(200, Map.of("message_count", UnsignedLong.ZERO)));
        }
        vh.checkExclusiveAccess(d.definition(), conn.id());
        return vh.deleteQueue(d).thenApply(n -> new Answer(200, Map.of("message_count", UnsignedLong.valueOf(n))));
    }

    private CompletableFuture<Answer> info(Destination d, int code) {
        CompletableFuture<QueueStats> stats = d instanceof ConsumableQueue q ? q.stats()
                : CompletableFuture.completedFuture(new QueueStats(0, 0, 0));
        return stats.thenApply(s -> {
            QueueDefinition def = d.definition();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", def.name());
            info.put("vhost", def.vhost());
            info.put("durable", def.durable());
            info.put("auto_delete", def.autoDelete());
            info.put("exclusive", def.exclusive());
            info.put("type", def.queueType());
            Map<String, Object> arguments = new LinkedHashMap<>();
            def.arguments().forEach((k, v) -> arguments.put(k, Values.toAmqp(v)));
            info.put("arguments", arguments);
            info.put("leader", "tributary@localhost");
            info.put("replicas", new String[] {"tributary@localhost"});
            info.put("message_count", UnsignedLong.valueOf(s.ready()));
            info.put("consumer_count", UnsignedInteger.valueOf(s.consumers()));
            return new Answer(code, info);
        });
    }

    private ConsumableQueue queue(VirtualHost vh, String name) {
        if (!(vh.requireDestination(name) instanceof ConsumableQueue q)) {
            throw new PreconditionFailedException("'" + name + "' is not a queue");
        }
        return q;
    }

    /** Binding needs write on the destination and read on the source exchange. */
    private Binding checked(Binding b) {
        VhostAccess access = conn.access();
        access.write(b.destination().isExchange() ? Kind.EXCHANGE : Kind.QUEUE, b.destination().name());
        access.read(Kind.EXCHANGE, b.source());
        return b;
    }

    private static Binding binding(Map<?, ?> body) {
        Object q = body.get("destination_queue");
        DestinationId dest = q != null ? DestinationId.queue(q.toString())
                : DestinationId.exchange(str(body.get("destination_exchange"), ""));
        return new Binding(str(body.get("source"), ""), dest, str(body.get("binding_key"), ""), args(body.get("arguments")));
    }

    /** {@code src=…;dstq=…;key=…;args=} with percent-encoded values. */
    private static Binding binding(String spec) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String k = part.substring(0, eq);
                String v = Values.decode(part.substring(eq + 1));
                body.put("src".equals(k) ? "source" : "dstq".equals(k) ? "destination_queue"
                        : "dste".equals(k) ? "destination_exchange" : "key".equals(k) ? "binding_key" : k, v);
            }
        }
        body.remove("args");
        return binding(body);
    }

    private static Map<String, Object> args(Object o) {
        return o instanceof Map<?, ?> m ? Values.toCoreMap(m) : Map.of();
    }

    private static boolean bool(Object o, boolean dflt) {
        return o instanceof Boolean b ? b : dflt;
    }

    private static String str(Object o, String dflt) {
        return o == null ? dflt : o.toString();
    }

    private static int code(Throwable t) {
        if (t instanceof NotFoundException) {
            return 404;
        }
        if (t instanceof AccessRefusedException) {
            return 403;
        }
        if (t instanceof PreconditionFailedException || t instanceof ResourceLockedException) {
            return 409;
        }
        return 400;
    }
}
