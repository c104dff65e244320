package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetDeleteRequest;

/**
 * OffsetDelete (v0): removes committed offsets of a group, except of topics its members consume
 * (GROUP_SUBSCRIBED_TO_TOPIC); a group-level failure (GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP) is
 * the response's error.
 */
public final class OffsetDeleteHandler implements RequestHandler<OffsetDeleteRequest> {
    private final GroupCoordinator groups;

    public OffsetDeleteHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<OffsetDeleteResponseData> handle(RequestContext context, OffsetDeleteRequest request) {
        OffsetDeleteRequestData d = request.data();
        List<TopicPartition> partitions = new ArrayList<>();
        for (OffsetDeleteRequestTopic t : d.topics()) {
            for (OffsetDeleteRequestPartition p : t.partitions()) {
                if (!t.name().isEmpty() && p.partitionIndex() >= 0) {
                    partitions.add(new TopicPartition(t.name(), p.partitionIndex()));
                }
            }
        }
        return groups.deleteOffsets(d.groupId(), partitions).thenApply(errors -> {
            OffsetDeleteResponseData out = new OffsetDeleteResponseData();
            for (OffsetDeleteRequestTopic t : d.topics()) {
                OffsetDeleteResponseTopic rt = new OffsetDeleteResponseTopic().setName(t.name());
                for (OffsetDeleteRequestPartition p : t.partitions()) {
                    GroupError e = t.name().isEmpty() || p.partitionIndex() < 0 ? null : errors.get(new TopicPartition(t.name(), p.partitionIndex()));
                    short code = e == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION.code() : GroupResponses.code(e);
                    rt.partitions().add(new OffsetDeleteResponsePartition().setPartitionIndex(p.partitionIndex()).setErrorCode(code));
                }
                out.topics().add(rt);
            }
            return out;
        });
    }
}
