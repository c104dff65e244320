package io.tributary.kafka.handler.offsets;

import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.epoch.EpochEntry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;

/**
 * OffsetForLeaderEpoch: where the largest epoch at most the asked one ends. Consumers use it to
 * validate their position after a leader change (KIP-320); followers to find where to truncate.
 */
public final class OffsetForLeaderEpochHandler implements RequestHandler<OffsetsForLeaderEpochRequest> {
    private final TopicResolver topics;
    private final Leadership leadership;

    public OffsetForLeaderEpochHandler(TopicResolver topics, Leadership leadership) {
        this.topics = topics;
        this.leadership = leadership;
    }

    @Override
    public CompletableFuture<OffsetForLeaderEpochResponseData> handle(RequestContext context, OffsetsForLeaderEpochRequest request) {
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData();
        for (OffsetForLeaderTopic t : request.data().topics()) {
            OffsetForLeaderTopicResult topic = new OffsetForLeaderTopicResult().setTopic(t.topic());
            for (OffsetForLeaderPartition p : t.partitions()) {
                topic.partitions().add(endOffset(t.topic(), p));
            }
            response.topics().add(topic);
        }
        return CompletableFuture.completedFuture(response);
    }

    private EpochEndOffset endOffset(String topic, OffsetForLeaderPartition p) {
        EpochEndOffset r = new EpochEndOffset().setPartition(p.partition());
        Optional<PartitionLog> log = topics.topic(topic, null).flatMap(d -> topics.log(d, p.partition()));
        if (log.isEmpty()) {
            return r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Errors leader = leadership.checkLeader(log.get().topicPartition(), p.currentLeaderEpoch());
        if (leader != Errors.NONE) {
            return r.setErrorCode(leader.code());
        }
        Optional<EpochEntry> end = log.get().endOffsetForEpoch(p.leaderEpoch());
        return end.map(e -> r.setLeaderEpoch(e.epoch()).setEndOffset(e.startOffset()))
                .orElseGet(() -> r.setLeaderEpoch(-1).setEndOffset(-1));
    }
}
