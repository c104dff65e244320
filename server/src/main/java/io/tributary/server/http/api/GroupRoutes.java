package io.tributary.server.http.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupDescription;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupListing;
import io.tributary.kafka.group.classic.ClassicGroupDescription;
import io.tributary.kafka.group.consumer.ConsumerGroupDescription;
import io.tributary.kafka.group.offsets.OffsetFetchParams;
import io.tributary.kafka.group.offsets.OffsetFetchResult;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.topic.TopicDescription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Kafka consumer groups: {@code /api/consumer-groups[/{group}]} with state, protocol, members and
 * their assignments, committed offsets and the lag of each partition (high watermark minus the
 * committed offset); {@code DELETE} deletes an empty group and its offsets.
 */
final class GroupRoutes {
    private GroupRoutes() {
    }

    static void register(ApiRoutes routes) {
        routes.get("/api/consumer-groups", Access.MANAGEMENT, r -> {
            List<GroupListing> groups = new ArrayList<>(r.await(coordinator(r).listGroups()));
            groups.sort(Comparator.comparing(GroupListing::groupId));
            List<Map<String, Object>> out = new ArrayList<>();
            for (GroupListing g : groups) {
                Map<String, Object> o = Json.obj("group_id", g.groupId(), "name", g.groupId(), "type", g.type().wireName(), "protocol_type",
                        g.protocolType(), "state", g.state());
                o.put("lag", totalLag(offsets(r, g.groupId())));
                out.add(o);
            }
            return Replies.ok(Paging.apply(r, out));
        })
                .get("/api/consumer-groups/{group}", Access.MANAGEMENT, GroupRoutes::describe)
                .delete("/api/consumer-groups/{group}", Access.ADMINISTRATOR, r -> {
                    GroupError e = r.await(coordinator(r).deleteGroup(r.path("group")));
                    if (e == GroupError.GROUP_ID_NOT_FOUND) {
                        throw ApiException.notFound();
                    }
                    if (e != GroupError.NONE) {
                        throw ApiException.badRequest("group '" + r.path("group") + "' cannot be deleted: " + e.name());
                    }
                    return Replies.noContent();
                });
    }

    private static GroupCoordinator coordinator(ApiRequest r) {
        GroupCoordinator c = r.context().groups().get();
        if (c == null) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", "no group coordinator");
        }
        return c;
    }

    private static FullHttpResponse describe(ApiRequest r) {
        String id = r.path("group");
        Optional<GroupDescription> found = r.await(coordinator(r).describeGroup(id));
        if (found.isEmpty()) {
            throw ApiException.notFound();
        }
        GroupDescription g = found.get();
        Map<String, Object> o = Json.obj("group_id", id, "name", id, "state", g.state());
        if (g instanceof ClassicGroupDescription c) {
            o.put("type", "classic");
            o.put("protocol_type", c.protocolType());
            o.put("protocol", c.protocolName());
            List<Object> members = new ArrayList<>();
            for (ClassicGroupDescription.Member m : c.members()) {
                members.add(Json.obj("member_id", m.memberId(), "group_instance_id", m.groupInstanceId(), "client_id", m.clientId(),
                        "client_host", m.clientHost(), "assignment", classicAssignment(m.assignment())));
            }
            o.put("members", members);
        } else if (g instanceof ConsumerGroupDescription c) {
            o.put("type", "consumer");
            o.put("protocol_type", "consumer");
            o.put("protocol", c.assignorName());
            o.put("group_epoch", c.groupEpoch());
            List<Object> members = new ArrayList<>();
            for (ConsumerGroupDescription.Member m : c.members()) {
                members.add(Json.obj("member_id", m.memberId(), "group_instance_id", m.instanceId(), "client_id", m.clientId(),
                        "client_host", m.clientHost(), "member_epoch", m.memberEpoch(), "subscribed_topics", m.subscribedTopicNames(),
                        "assignment", consumerAssignment(r, m.assignment())));
            }
            o.put("members", members);
        }
        List<Map<String, Object>> offsets = offsets(r, id);
        o.put("offsets", offsets);
        o.put("lag", totalLag(offsets));
        return Replies.ok(o);
    }

    /** Committed offsets with log end, high watermark and lag per partition. */
    private static List<Map<String, Object>> offsets(ApiRequest r, String group) {
        OffsetFetchResult res = r.await(coordinator(r).fetchOffsets(new OffsetFetchParams(group, null, -1, null, false)));
        List<Map<String, Object>> out = new ArrayList<>();
        List<OffsetFetchResult.PartitionOffset> parts = new ArrayList<>(res.partitions());
        parts.sort(Comparator.comparing((OffsetFetchResult.PartitionOffset p) -> p.partition().topic()).thenComparingInt(p -> p.partition().partition()));
        for (OffsetFetchResult.PartitionOffset p : parts) {
            if (p.offset() < 0) {
                continue;
            }
            Optional<PartitionLog> log = r.context().logs().log(p.partition());
            long hw = log.map(PartitionLog::highWatermark).orElse(-1L);
            out.add(Json.obj("topic", p.partition().topic(), "partition", p.partition().partition(), "committed_offset", p.offset(),
                    "metadata", p.metadata(), "log_end_offset", log.map(PartitionLog::logEndOffset).orElse(-1L), "high_watermark", hw,
                    "lag", hw < 0 ? null : Math.max(0, hw - p.offset())));
        }
        return out;
    }

    private static long totalLag(List<Map<String, Object>> offsets) {
        long sum = 0;
        for (Map<String, Object> o : offsets) {
            if (o.get("lag") instanceof Long l) {
                sum += l;
            }
        }
        return sum;
    }

    private static List<Object> consumerAssignment(ApiRequest r, Map<UUID, Set<Integer>> assignment) {
        List<Object> out = new ArrayList<>();
        assignment.forEach((topicId, partitions) -> {
            String topic = r.context().logs().topics().topic(topicId).map(TopicDescription::name).orElse(topicId.toString());
            partitions.stream().sorted().forEach(p -> out.add(Json.obj("topic", topic, "partition", p)));
        });
        return out;
    }

    /**
     * The partitions of a classic consumer's assignment (the consumer protocol's encoding: version
     * int16, then [topic string16, [partition int32]], user data); empty for other protocols.
     */
    static List<Object> classicAssignment(byte[] assignment) {
        List<Object> out = new ArrayList<>();
        if (assignment == null || assignment.length < 6) {
            return out;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(assignment);
            b.getShort();
            int topics = b.getInt();
            for (int t = 0; t < topics; t++) {
                byte[] name = new byte[b.getShort()];
                b.get(name);
                int n = b.getInt();
                for (int i = 0; i < n; i++) {
                    out.add(Json.obj("topic", new String(name, StandardCharsets.UTF_8), "partition", b.getInt()));
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }
}
