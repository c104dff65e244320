package io.tributary.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.logstore.LogConfig;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.ConfigChange;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.server.metrics.ManagementStats;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka topics in RabbitMQ's API style: {@code /api/topics[/{name}]} with partitions (log start and
 * end offsets, high watermark, last stable offset, size) and configs; {@code PUT} creates
 * ({@code {"partitions": N, "configs": {...}}}) or adds partitions; {@code DELETE} deletes;
 * {@code PUT /api/topics/{name}/configs} alters ({@code {"retention.ms": "1000", "segment.bytes": null}},
 * null drops the override). Topic administration needs {@code administrator}.
 */
final class TopicRoutes {
    private TopicRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/topics", Access.MANAGEMENT, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (TopicDescription t : r.context().logs().topics().topics()) {
                if (!t.internal() || r.flag("internal")) {
                    out.add(summary(r, t));
                }
            }
            return Replies.ok(Paging.apply(r, out));
        })
                .get("/api/topics/{name}", Access.MANAGEMENT, r -> Replies.ok(detail(r, require(r))))
                .put("/api/topics/{name}", Access.ADMINISTRATOR, TopicRoutes::put)
                .delete("/api/topics/{name}", Access.ADMINISTRATOR, r -> {
                    require(r);
                    r.await(r.context().topics().delete(r.path("name")));
                    return Replies.noContent();
                })
                .get("/api/topics/{name}/configs", Access.MANAGEMENT, r -> Replies.ok(configs(require(r))))
                .put("/api/topics/{name}/configs", Access.ADMINISTRATOR, TopicRoutes::alter);
    }

    private static TopicDescription require(ApiRequest r) {
        return r.context().logs().topics().topic(r.path("name")).orElseThrow(ApiException::notFound);
    }

    static List<PartitionLog> logs(ApiRequest r, String topic, int partitions) {
        List<PartitionLog> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            r.context().logs().log(new TopicPartition(topic, p)).ifPresent(out::add);
        }
        return out;
    }

    private static Map<String, Object> summary(ApiRequest r, TopicDescription t) {
        long messages = 0;
        long bytes = 0;
        long end = 0;
        for (PartitionLog l : logs(r, t.name(), t.partitions())) {
            messages += Math.max(0, l.highWatermark() - l.logStartOffset());
            bytes += l.sizeInBytes();
            end += l.logEndOffset();
        }
        ManagementStats.Series s = r.context().stats().topic(t.name());
        return Json.obj("name", t.name(), "topic_id", t.topicId().toString(), "partitions", t.partitions(), "internal", t.internal(),
                "messages", messages, "size_bytes", bytes, "log_end_offset", end, "overrides", t.config().overrides(),
                "retention_ms", t.config().retentionMs(), "retention_bytes", t.config().retentionBytes(), "cleanup_policy",
                t.config().text("cleanup.policy"), "message_stats", Json.obj("produce", s.ring(ManagementStats.LOG_END_OFFSET).last(),
                        "produce_details", Json.rate(s.ring(ManagementStats.LOG_END_OFFSET).rate())));
    }

    static List<Object> partitions(List<PartitionLog> logs, int nodeId) {
        List<Object> out = new ArrayList<>();
        for (PartitionLog l : logs) {
            out.add(Json.obj("partition", l.topicPartition().partition(), "leader", nodeId, "replicas", List.of(nodeId), "isr", List.of(nodeId),
                    "log_start_offset", l.logStartOffset(), "log_end_offset", l.logEndOffset(), "high_watermark", l.highWatermark(),
                    "last_stable_offset", l.lastStableOffset(), "size_bytes", l.sizeInBytes(), "segments", l.numberOfSegments(),
                    "messages", Math.max(0, l.highWatermark() - l.logStartOffset())));
        }
        return out;
    }

    private static Map<String, Object> detail(ApiRequest r, TopicDescription t) {
        Map<String, Object> o = summary(r, t);
        o.put("partition_details", partitions(logs(r, t.name(), t.partitions()),
                r.context().config().get(io.tributary.config.NodeSettings.NODE_ID)));
        o.put("configs", configs(t));
        return o;
    }

    private static List<Object> configs(TopicDescription t) {
        List<Object> out = new ArrayList<>();
        for (LogConfig.Entry e : t.config().describe()) {
            out.add(Json.obj("name", e.name(), "value", e.value(), "source", e.source().name().toLowerCase(java.util.Locale.ROOT), "type",
                    e.type().name().toLowerCase(java.util.Locale.ROOT), "documentation", e.documentation()));
        }
        return out;
    }

    private static FullHttpResponse put(ApiRequest r) {
        String name = r.path("name");
        JsonNode b = r.body();
        Optional<TopicDescription> existing = r.context().logs().topics().topic(name);
        int partitions = b.path("partitions").asInt(existing.map(TopicDescription::partitions)
                .orElse(r.context().config().get(io.tributary.config.KafkaSettings.NUM_PARTITIONS)));
        if (existing.isPresent()) {
            if (partitions < existing.get().partitions()) {
                throw ApiException.badRequest("topic '" + name + "' has " + existing.get().partitions() + " partitions; it cannot shrink to "
                        + partitions);
            }
            if (partitions > existing.get().partitions()) {
                r.await(r.context().topics().grow(name, existing.get().partitions(), partitions));
            }
            if (b.has("configs")) {
                r.await(r.context().logs().topics().incrementalAlterConfigs(name, changes(b.get("configs")), false));
            }
            return Replies.noContent();
        }
        Map<String, String> configs = new java.util.LinkedHashMap<>();
        Json.map(b.get("configs")).forEach((k, v) -> configs.put(k, String.valueOf(v)));
        int factor = b.path("replication_factor").asInt(-1);
        if (factor == 0 || factor < -1 || factor > r.context().topics().nodes()) {
            throw ApiException.badRequest("replication_factor " + factor + " must be between 1 and the " + r.context().topics().nodes()
                    + " nodes of the cluster");
        }
        r.await(r.context().topics().create(name, partitions, factor, configs));
        return Replies.created();
    }

    private static FullHttpResponse alter(ApiRequest r) {
        require(r);
        JsonNode b = r.body();
        r.await(r.context().logs().topics().incrementalAlterConfigs(r.path("name"), changes(b.has("configs") ? b.get("configs") : b), false));
        return Replies.noContent();
    }

    private static List<ConfigChange> changes(JsonNode configs) {
        if (!configs.isObject()) {
            throw ApiException.badRequest("configs must be an object of name to value");
        }
        List<ConfigChange> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = configs.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getValue().isNull() ? ConfigChange.delete(e.getKey()) : ConfigChange.set(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
