package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.offsets.OffsetFetchParams;
import io.tributary.kafka.group.offsets.OffsetFetchResult;
import io.tributary.kafka.group.offsets.OffsetFetchResult.PartitionOffset;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.kafka.handler.Uuids;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetFetchRequest;

/**
 * OffsetFetch (v1–v10): one group (v1–v7) or several (v8+, KIP-709); all committed partitions when
 * the topic list is null; {@code requireStable} (v7+) refuses partitions with a pending
 * transactional commit; v9+ carries the consumer-protocol member, v10 names topics by id.
 */
public final class OffsetFetchHandler implements RequestHandler<OffsetFetchRequest> {
    private final GroupCoordinator groups;
    private final TopicResolver topics;

    public OffsetFetchHandler(GroupCoordinator groups, TopicResolver topics) {
        this.groups = groups;
        this.topics = topics;
    }

    /** One group's fetch: what the coordinator is asked, and which requested topic ids were unknown. */
    private record GroupFetch(String groupId, OffsetFetchParams params, List<OffsetFetchRequestTopics> unknownTopics) {
    }

    @Override
    public CompletableFuture<OffsetFetchResponseData> handle(RequestContext context, OffsetFetchRequest request) {
        OffsetFetchRequestData d = request.data();
        short v = context.apiVersion();
        List<GroupFetch> fetches = new ArrayList<>();
        if (v < 8) {
            List<TopicPartition> partitions = null;
            if (d.topics() != null) {
                partitions = new ArrayList<>();
                for (OffsetFetchRequestData.OffsetFetchRequestTopic t : d.topics()) {
                    for (int p : t.partitionIndexes()) {
                        if (t.name() != null && !t.name().isEmpty() && p >= 0) {
                            partitions.add(new TopicPartition(t.name(), p));
                        }
                    }
                }
            }
            fetches.add(new GroupFetch(d.groupId(), new OffsetFetchParams(d.groupId(), null, -1, partitions, d.requireStable()), List.of()));
        } else {
            for (OffsetFetchRequestGroup g : d.groups()) {
                fetches.add(resolve(g, v >= 10, d.requireStable()));
            }
        }
        List<CompletableFuture<OffsetFetchResult>> results = new ArrayList<>();
        for (GroupFetch f : fetches) {
            results.add(groups.fetchOffsets(f.params()).exceptionally(e -> OffsetFetchResult.error(f.groupId(), GroupResponses.groupError(e))));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(x -> {
            if (v < 8) {
                return single(results.get(0).join(), v);
            }
            OffsetFetchResponseData out = new OffsetFetchResponseData();
            for (int i = 0; i < fetches.size(); i++) {
                out.groups().add(group(results.get(i).join(), fetches.get(i).unknownTopics(), v >= 10));
            }
            return out;
        });
    }

    private GroupFetch resolve(OffsetFetchRequestGroup g, boolean byId, boolean requireStable) {
        List<TopicPartition> partitions = null;
        List<OffsetFetchRequestTopics> unknown = new ArrayList<>();
        if (g.topics() != null) {
            partitions = new ArrayList<>();
            for (OffsetFetchRequestTopics t : g.topics()) {
                String name = byId ? topics.topic(null, t.topicId()).map(TopicDescription::name).orElse(null) : t.name();
                if (name == null || name.isEmpty()) {
                    unknown.add(t);
                    continue;
                }
                for (int p : t.partitionIndexes()) {
                    if (p >= 0) {
                        partitions.add(new TopicPartition(name, p));
                    }
                }
            }
        }
        return new GroupFetch(g.groupId(), new OffsetFetchParams(g.groupId(), g.memberId(), g.memberEpoch(), partitions, requireStable), unknown);
    }

    private static OffsetFetchResponseData single(OffsetFetchResult r, short v) {
        OffsetFetchResponseData out = new OffsetFetchResponseData();
        short groupCode = GroupResponses.code(r.error());
        if (v >= 2) {
            out.setErrorCode(groupCode);
        }
        Map<String, OffsetFetchResponseTopic> byTopic = new LinkedHashMap<>();
        for (PartitionOffset p : r.partitions()) {
            OffsetFetchResponseTopic t = byTopic.computeIfAbsent(p.partition().topic(), n -> new OffsetFetchResponseTopic().setName(n));
            t.partitions().add(new OffsetFetchResponsePartition().setPartitionIndex(p.partition().partition()).setCommittedOffset(p.offset())
                    .setCommittedLeaderEpoch(p.leaderEpoch()).setMetadata(p.metadata()).setErrorCode(GroupResponses.code(p.error())));
        }
        out.topics().addAll(byTopic.values());
        return out;
    }

    private OffsetFetchResponseGroup group(OffsetFetchResult r, List<OffsetFetchRequestTopics> unknownTopics, boolean byId) {
        OffsetFetchResponseGroup out = new OffsetFetchResponseGroup().setGroupId(r.groupId()).setErrorCode(GroupResponses.code(r.error()));
        if (r.error() != GroupError.NONE) {
            return out;
        }
        Map<String, OffsetFetchResponseTopics> byTopic = new LinkedHashMap<>();
        for (PartitionOffset p : r.partitions()) {
            String name = p.partition().topic();
            OffsetFetchResponseTopics t = byTopic.get(name);
            if (t == null) {
                Optional<Uuid> id = byId ? topics.topic(name, null).map(d -> Uuids.toKafka(d.topicId())) : Optional.of(Uuid.ZERO_UUID);
                if (id.isEmpty()) {
                    continue;
                }
                t = new OffsetFetchResponseTopics().setName(byId ? "" : name).setTopicId(id.get());
                byTopic.put(name, t);
            }
            t.partitions().add(new OffsetFetchResponsePartitions().setPartitionIndex(p.partition().partition()).setCommittedOffset(p.offset())
                    .setCommittedLeaderEpoch(p.leaderEpoch()).setMetadata(p.metadata()).setErrorCode(GroupResponses.code(p.error())));
        }
        out.topics().addAll(byTopic.values());
        short unknown = (byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION).code();
        for (OffsetFetchRequestTopics requested : unknownTopics) {
            OffsetFetchResponseTopics t = new OffsetFetchResponseTopics().setTopicId(requested.topicId()).setName(requested.name());
            for (int p : requested.partitionIndexes()) {
                t.partitions().add(new OffsetFetchResponsePartitions().setPartitionIndex(p).setCommittedOffset(-1).setMetadata("")
                        .setErrorCode(unknown));
            }
            out.topics().add(t);
        }
        return out;
    }
}
