package io.tributary.kafka.handler.admin;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.producer.ActiveProducer;
import io.tributary.logstore.topic.TopicDescription;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeProducersRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeProducersResponseData;
import org.apache.kafka.common.message.DescribeProducersResponseData.PartitionResponse;
import org.apache.kafka.common.message.DescribeProducersResponseData.ProducerState;
import org.apache.kafka.common.message.DescribeProducersResponseData.TopicResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeProducersRequest;

/**
 * DescribeProducers (v0): the idempotent and transactional producers with state in each requested
 * partition: id, epoch, last sequence and timestamp, coordinator epoch, and the start of an open
 * transaction.
 */
public final class DescribeProducersHandler implements RequestHandler<DescribeProducersRequest> {
    private final TopicResolver topics;

    public DescribeProducersHandler(TopicResolver topics) {
        this.topics = topics;
    }

    @Override
    public CompletableFuture<DescribeProducersResponseData> handle(RequestContext context, DescribeProducersRequest request) {
        return context.onStorage(() -> {
            DescribeProducersResponseData response = new DescribeProducersResponseData();
            for (TopicRequest t : request.data().topics()) {
                TopicResponse topic = new TopicResponse().setName(t.name());
                Optional<TopicDescription> d = topics.topic(t.name(), null);
                for (int p : t.partitionIndexes()) {
                    topic.partitions().add(describe(d.flatMap(x -> topics.log(x, p)), p));
                }
                response.topics().add(topic);
            }
            return response;
        });
    }

    private static PartitionResponse describe(Optional<PartitionLog> log, int partition) {
        PartitionResponse r = new PartitionResponse().setPartitionIndex(partition);
        if (log.isEmpty()) {
            return r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        try {
            for (ActiveProducer p : log.get().activeProducers()) {
                r.activeProducers().add(new ProducerState()
                        .setProducerId(p.producerId())
                        .setProducerEpoch(p.producerEpoch())
                        .setLastSequence(p.lastSequence())
                        .setLastTimestamp(p.lastTimestamp())
                        .setCoordinatorEpoch(p.coordinatorEpoch())
                        .setCurrentTxnStartOffset(p.currentTxnStartOffset()));
            }
            return r;
        } catch (RuntimeException e) {
            return r.setErrorCode(KafkaErrorMapper.toError(e).code()).setErrorMessage(KafkaErrorMapper.message(e));
        }
    }
}
