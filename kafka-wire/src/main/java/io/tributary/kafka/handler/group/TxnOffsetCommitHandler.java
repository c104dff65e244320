package io.tributary.kafka.handler.group;

import io.tributary.kafka.group.GroupCoordinator;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.offsets.OffsetCommitParams;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.logstore.TopicPartition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic;
import org.apache.kafka.common.requests.TxnOffsetCommitRequest;

/**
 * TxnOffsetCommit ({@code sendOffsetsToTransaction}): the consumer group's offsets written as part
 * of the producer's transaction; they become the group's committed offsets with the commit marker,
 * and vanish with an abort. Answered once the transactional batch is durable.
 */
public final class TxnOffsetCommitHandler implements RequestHandler<TxnOffsetCommitRequest> {
    private final GroupCoordinator groups;

    public TxnOffsetCommitHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<TxnOffsetCommitResponseData> handle(RequestContext context, TxnOffsetCommitRequest request) {
        TxnOffsetCommitRequestData d = request.data();
        Map<TopicPartition, OffsetCommitParams.Commit> offsets = new LinkedHashMap<>();
        for (TxnOffsetCommitRequestTopic t : d.topics()) {
            for (TxnOffsetCommitRequestPartition p : t.partitions()) {
                offsets.put(new TopicPartition(t.name(), p.partitionIndex()),
                        new OffsetCommitParams.Commit(p.committedOffset(), p.committedLeaderEpoch(), p.committedMetadata()));
            }
        }
        OffsetCommitParams params = new OffsetCommitParams(d.groupId(), d.generationId(), d.memberId(), d.groupInstanceId(), -1,
                offsets, context.apiVersion());
        return groups.commitTransactionalOffsets(params, d.producerId(), d.producerEpoch()).thenApply(errors -> {
            TxnOffsetCommitResponseData out = new TxnOffsetCommitResponseData();
            for (TxnOffsetCommitRequestTopic t : d.topics()) {
                TxnOffsetCommitResponseTopic rt = new TxnOffsetCommitResponseTopic().setName(t.name());
                for (TxnOffsetCommitRequestPartition p : t.partitions()) {
                    GroupError e = errors.getOrDefault(new TopicPartition(t.name(), p.partitionIndex()), GroupError.NONE);
                    rt.partitions().add(new TxnOffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex())
                            .setErrorCode(GroupResponses.code(e)));
                }
                out.topics().add(rt);
            }
            return out;
        });
    }
}
