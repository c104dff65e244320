package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.offsets.OffsetCommitParams;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.topic.TopicDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetCommitRequest;

/**
 * OffsetCommit (v2–v10): answered once the offsets' record in {@code __consumer_offsets} is durable.
 * v10 names topics by id (KIP-848); an unknown id gets UNKNOWN_TOPIC_ID. v2–v4 may carry the
 * commit's own retention.
 */
public final class OffsetCommitHandler implements RequestHandler<OffsetCommitRequest> {
    private final GroupCoordinator groups;
    private final TopicResolver topics;

    public OffsetCommitHandler(GroupCoordinator groups, TopicResolver topics) {
        this.groups = groups;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<OffsetCommitResponseData> handle(RequestContext context, OffsetCommitRequest request) {
        OffsetCommitRequestData d = request.data();
        short v = context.apiVersion();
        boolean byId = v >= 10;
        Map<TopicPartition, OffsetCommitParams.Commit> offsets = new LinkedHashMap<>();
        Map<OffsetCommitRequestTopic, String> names = new LinkedHashMap<>();
        for (OffsetCommitRequestTopic t : d.topics()) {
            String name = byId ? topics.topic(null, t.topicId()).map(TopicDescription::name).orElse(null) : t.name();
            names.put(t, name);
            if (name == null || name.isEmpty()) {
                continue;
            }
            for (OffsetCommitRequestPartition p : t.partitions()) {
                if (p.partitionIndex() >= 0) {
                    offsets.put(new TopicPartition(name, p.partitionIndex()),
                            new OffsetCommitParams.Commit(p.committedOffset(), p.committedLeaderEpoch(), p.committedMetadata()));
                }
            }
        }
        long retention = v <= 4 ? d.retentionTimeMs() : -1;
        CompletableFuture<Map<TopicPartition, GroupError>> committed = offsets.isEmpty() ? CompletableFuture.completedFuture(Map.of())
                : groups.commitOffsets(new OffsetCommitParams(d.groupId(), d.generationIdOrMemberEpoch(), d.memberId(), d.groupInstanceId(),
                        retention, offsets, v));
        return committed.thenApply(errors -> response(names, errors, byId));
    }

    private static OffsetCommitResponseData response(Map<OffsetCommitRequestTopic, String> names, Map<TopicPartition, GroupError> errors,
            boolean byId) {
        OffsetCommitResponseData out = new OffsetCommitResponseData();
        names.forEach((t, name) -> {
            OffsetCommitResponseTopic rt = new OffsetCommitResponseTopic().setName(t.name()).setTopicId(t.topicId());
            for (OffsetCommitRequestPartition p : t.partitions()) {
                short code;
                if (name == null || name.isEmpty()) {
                    code = (byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION).code();
                } else if (p.partitionIndex() < 0) {
                    code = Errors.UNKNOWN_TOPIC_OR_PARTITION.code();
                } else {
                    code = GroupResponses.code(Optional.ofNullable(errors.get(new TopicPartition(name, p.partitionIndex()))).orElse(GroupError.NONE));
                }
                rt.partitions().add(new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex()).setErrorCode(code));
            }
            out.topics().add(rt);
        });
        return out;
    }
}
