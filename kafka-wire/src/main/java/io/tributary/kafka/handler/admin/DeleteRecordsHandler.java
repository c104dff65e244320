package io.tributary.kafka.handler.admin;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.topic.TopicDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteRecordsRequest;

/**
 * DeleteRecords (v0–2): moves each partition's log start offset (its low watermark) up to the
 * given offset, -1 meaning the high watermark, and answers with the new low watermark once it is
 * durable. An offset above the high watermark (or negative) is {@code OFFSET_OUT_OF_RANGE}; a topic
 * that only compacts refuses with {@code POLICY_VIOLATION}, as Kafka does.
 */
public final class DeleteRecordsHandler implements RequestHandler<DeleteRecordsRequest> {
    /** The low watermark of a partition whose deletion failed ({@code DeleteRecordsResponse.INVALID_LOW_WATERMARK}). */
    private static final long INVALID_LOW_WATERMARK = -1L;

    private final TopicResolver topics;

    public DeleteRecordsHandler(TopicResolver topics) {
        this.topics = topics;
    }

    @Override
    public CompletableFuture<DeleteRecordsResponseData> handle(RequestContext context, DeleteRecordsRequest request) {
        List<DeleteRecordsTopic> requested = request.data().topics();
        return context.onStorage(() -> {
            List<CompletableFuture<DeleteRecordsPartitionResult>> partitions = new ArrayList<>();
            for (DeleteRecordsTopic t : requested) {
                Optional<TopicDescription> topic = topics.topic(t.name(), null);
                for (DeleteRecordsPartition p : t.partitions()) {
                    partitions.add(delete(t.name(), topic, p));
                }
            }
            return Futures.inOrder(partitions);
        }).thenCompose(f -> f).thenApply(results -> {
            DeleteRecordsResponseData response = new DeleteRecordsResponseData();
            int next = 0;
            for (DeleteRecordsTopic t : requested) {
                DeleteRecordsTopicResult topic = new DeleteRecordsTopicResult().setName(t.name());
                for (int i = 0; i < t.partitions().size(); i++) {
                    topic.partitions().add(results.get(next++));
                }
                response.topics().add(topic);
            }
            return response;
        });
    }

    private CompletableFuture<DeleteRecordsPartitionResult> delete(String name, Optional<TopicDescription> topic, DeleteRecordsPartition p) {
        DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult().setPartitionIndex(p.partitionIndex());
        Optional<PartitionLog> log = topic.flatMap(t -> topics.log(t, p.partitionIndex()));
        if (log.isEmpty()) {
            return CompletableFuture.completedFuture(result.setLowWatermark(INVALID_LOW_WATERMARK)
                    .setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));
        }
        return Futures.attempt(() -> {
            if (!log.get().config().delete()) {
                throw new PolicyViolationException("Records of partition " + name + "-" + p.partitionIndex()
                        + " can not be deleted due to the configured policy");
            }
            return log.get().deleteRecordsBefore(p.offset());
        }).handle((low, e) -> e == null ? result.setLowWatermark(low)
                : result.setLowWatermark(INVALID_LOW_WATERMARK).setErrorCode(KafkaErrorMapper.toError(e).code()));
    }
}
