package io.tributary.server.http.api;

import io.tributary.amqp.AmqpConnectionInfo;
import io.tributary.config.NodeSettings;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.server.BrokerState;
import io.tributary.server.metrics.ManagementStats;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code /api/overview}, {@code /api/nodes[/{node}]}, {@code /api/cluster-name}, {@code /api/extensions}, {@code /api/health/checks/alarms}. */
final class OverviewRoutes {
    /** The RabbitMQ version whose management API this one follows. */
    static final String RABBITMQ_VERSION = "3.12.0";
    static final List<String> OVERVIEW_COUNTERS = List.of(ManagementStats.PUBLISH, ManagementStats.DELIVER_GET, ManagementStats.ACK,
            ManagementStats.REDELIVER, ManagementStats.DELIVER_CONNECTIONS, ManagementStats.PRODUCE, ManagementStats.PRODUCE_BYTES,
            ManagementStats.FETCH_BYTES);
    static final List<String> LENGTHS = List.of(ManagementStats.MESSAGES, ManagementStats.READY, ManagementStats.UNACKED);

    private OverviewRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/overview", Access.MANAGEMENT, OverviewRoutes::overview)
                .get("/api/nodes", Access.MONITORING, r -> Replies.ok(List.of(node(r.context()))))
                .get("/api/nodes/{node}", Access.MONITORING, r -> {
                    if (!r.context().nodeName().equals(r.path("node"))) {
                        throw ApiException.notFound();
                    }
                    return Replies.ok(node(r.context()));
                })
                .get("/api/cluster-name", Access.MANAGEMENT, r -> Replies.ok(Json.obj("name", r.context().nodeName())))
                .get("/api/extensions", Access.MANAGEMENT, r -> Replies.ok(List.of()))
                .get("/api/health/checks/alarms", Access.MONITORING, r -> Replies.ok(alarms(r.context())));
    }

    private static io.netty.handler.codec.http.FullHttpResponse overview(ApiRequest r) throws Exception {
        ApiContext c = r.context();
        ManagementStats.Series s = c.stats().overview();
        Map<String, Object> o = Json.obj("management_version", RABBITMQ_VERSION, "rates_mode", "basic", "exchange_types", exchangeTypes(c),
                "product_version", c.version(), "product_name", "Tributary", "rabbitmq_version", RABBITMQ_VERSION,
                "cluster_name", c.nodeName(), "erlang_version", "none (JVM " + Runtime.version() + ")",
                "erlang_full_version", "Java " + Runtime.version(), "disable_stats", false, "enable_queue_totals", true);
        o.put("message_stats", StatsViews.messageStats(r, s, OVERVIEW_COUNTERS));
        Map<String, Object> totals = Json.obj("messages", s.ring(ManagementStats.MESSAGES).last(),
                "messages_ready", s.ring(ManagementStats.READY).last(), "messages_unacknowledged", s.ring(ManagementStats.UNACKED).last());
        StatsViews.lengths(r, s, LENGTHS, totals);
        o.put("queue_totals", totals);
        o.put("object_totals", objectTotals(r));
        o.put("statistics_db_event_queue", 0);
        o.put("node", c.nodeName());
        o.put("listeners", listeners(c));
        o.put("contexts", List.of(Json.obj("node", c.nodeName(), "description", "Tributary management", "path", "/",
                "port", String.valueOf(c.listeners().get().getOrDefault("http", 0)))));
        o.put("sample_interval_ms", c.stats().intervalMs());
        return Replies.ok(o);
    }

    private static List<Object> exchangeTypes(ApiContext c) {
        List<Object> out = new ArrayList<>();
        for (String t : new TreeSet<>(c.routing().vhosts().get("/").exchangeTypes().names())) {
            out.add(Json.obj("name", t, "description", t + " exchange", "enabled", true));
        }
        return out;
    }

    private static Map<String, Object> objectTotals(ApiRequest r) throws Exception {
        int exchanges = 0;
        int queues = 0;
        for (VirtualHost vh : r.context().routing().vhosts().all()) {
            if (r.canSee(vh.name())) {
                exchanges += vh.exchanges().size();
                queues += vh.destinations().size();
            }
        }
        int connections = 0;
        int channels = 0;
        for (AmqpConnectionInfo ci : r.context().amqp().connections()) {
            if (ConnectionRoutes.visible(r, ci)) {
                connections++;
                channels += ci.channelCount();
            }
        }
        int consumers = 0;
        for (VirtualHost vh : r.context().routing().vhosts().all()) {
            for (Destination d : vh.destinations()) {
                if (d instanceof io.tributary.queues.Queue q && r.canSee(vh.name())) {
                    consumers += q.counters().consumers();
                }
            }
        }
        return Json.obj("channels", channels, "connections", connections, "consumers", consumers, "exchanges", exchanges, "queues", queues,
                "topics", r.context().logs().topics().topics().size());
    }

    static List<Object> listeners(ApiContext c) {
        List<Object> out = new ArrayList<>();
        String ip = c.config().get(NodeSettings.BIND_HOST);
        c.listeners().get().forEach((protocol, port) -> out.add(Json.obj("node", c.nodeName(), "protocol", protocol, "ip_address", ip,
                "port", port, "socket_opts", Json.obj())));
        return out;
    }

    static Map<String, Object> node(ApiContext c) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = mem.getHeapMemoryUsage().getUsed() + mem.getNonHeapMemoryUsage().getUsed();
        Runtime rt = Runtime.getRuntime();
        File data = c.config().get(NodeSettings.DATA_DIR).toFile();
        boolean memAlarm = c.amqp().alarm().raised(io.tributary.amqp.ResourceAlarm.MEMORY);
        boolean diskAlarm = c.amqp().alarm().raised(io.tributary.amqp.ResourceAlarm.DISK);
        return Json.obj("name", c.nodeName(), "type", "disc", "running", c.state().get() == BrokerState.STARTED,
                "state", c.state().get().name().toLowerCase(java.util.Locale.ROOT),
                "mem_used", used, "mem_limit", rt.maxMemory(), "mem_alarm", memAlarm, "disk_free", data.getUsableSpace(),
                "disk_free_limit", c.config().get(io.tributary.config.LimitSettings.DISK_FREE_LIMIT_BYTES), "disk_free_alarm", diskAlarm,
                "fd_used", fdUsed(), "fd_total", fdTotal(), "sockets_used", c.amqp().connections().size(), "sockets_total", fdTotal(),
                "proc_used", Thread.activeCount(), "proc_total", 1_048_576, "processors", rt.availableProcessors(),
                "uptime", ManagementFactory.getRuntimeMXBean().getUptime(), "run_queue", 0, "os_pid", ProcessHandle.current().pid(),
                "partitions", List.of(), "product_version", c.version(), "applications", List.of(), "exchange_types", exchangeTypes(c),
                "listeners", listeners(c));
    }

    private static long fdUsed() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getOpenFileDescriptorCount();
        }
        return 0;
    }

    private static long fdTotal() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return 0;
    }

    private static Map<String, Object> alarms(ApiContext c) {
        if (c.amqp().alarm().raised()) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE, "failed", "resource alarm in effect");
        }
        return Json.obj("status", "ok");
    }
}
