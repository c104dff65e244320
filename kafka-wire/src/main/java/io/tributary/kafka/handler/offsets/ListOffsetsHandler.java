package io.tributary.kafka.handler.offsets;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.TimestampAndOffset;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;

/**
 * ListOffsets: earliest (-2), latest (-1: the high watermark, or the last stable offset for
 * read_committed), max timestamp (-3), earliest local (-4), latest tiered (-5: none without tiered
 * storage), and the first offset at or after a timestamp, through the time indexes.
 */
public final class ListOffsetsHandler implements RequestHandler<ListOffsetsRequest> {
    /** Kafka's LATEST_TIERED_TIMESTAMP: without tiered storage there is no tiered offset. */
    private static final long LATEST_TIERED = -5L;

    private final TopicResolver topics;
    private final Leadership leadership;

    public ListOffsetsHandler(TopicResolver topics, Leadership leadership) {
        this.topics = topics;
        this.leadership = leadership;
    }

    @Override
    public CompletableFuture<ListOffsetsResponseData> handle(RequestContext context, ListOffsetsRequest request) {
        ListOffsetsRequestData data = request.data();
        FetchIsolation isolation = data.replicaId() >= 0 ? FetchIsolation.LOG_END
                : data.isolationLevel() == IsolationLevel.READ_COMMITTED.id() ? FetchIsolation.TXN_COMMITTED : FetchIsolation.HIGH_WATERMARK;
        short version = context.apiVersion();
        return context.onStorage(() -> {
            ListOffsetsResponseData response = new ListOffsetsResponseData();
            for (ListOffsetsTopic t : data.topics()) {
                ListOffsetsTopicResponse topic = new ListOffsetsTopicResponse().setName(t.name());
                Optional<TopicDescription> d = topics.topic(t.name(), null);
                for (ListOffsetsPartition p : t.partitions()) {
                    topic.partitions().add(lookUp(d, p, isolation, version));
                }
                response.topics().add(topic);
            }
            return response;
        });
    }

    private ListOffsetsPartitionResponse lookUp(Optional<TopicDescription> topic, ListOffsetsPartition p, FetchIsolation isolation,
            short version) {
        ListOffsetsPartitionResponse r = new ListOffsetsPartitionResponse().setPartitionIndex(p.partitionIndex());
        Optional<PartitionLog> log = topic.flatMap(t -> topics.log(t, p.partitionIndex()));
        if (log.isEmpty()) {
            return r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Errors leader = leadership.checkLeader(log.get().topicPartition(), p.currentLeaderEpoch());
        if (leader != Errors.NONE) {
            return r.setErrorCode(leader.code());
        }
        if (p.timestamp() == LATEST_TIERED) {
            return r.setTimestamp(-1).setOffset(-1);
        }
        try {
            Optional<TimestampAndOffset> found = log.get().fetchOffsetByTimestamp(p.timestamp(), isolation);
            if (found.isEmpty()) {
                return r.setTimestamp(-1).setOffset(-1);
            }
            TimestampAndOffset f = found.get();
            r.setTimestamp(f.timestamp()).setOffset(f.offset());
            // The leader epoch is in the response from v4; an older client cannot be told it.
            return version >= 4 ? r.setLeaderEpoch(f.leaderEpoch().orElse(-1)) : r;
        } catch (RuntimeException e) {
            return r.setErrorCode(KafkaErrorMapper.toError(e).code());
        }
    }
}
