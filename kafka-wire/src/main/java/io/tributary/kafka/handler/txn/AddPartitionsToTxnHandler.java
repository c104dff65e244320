package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.handler.TopicResolver;
import io.tributary.kafka.txn.TransactionCoordinator;
import io.tributary.logstore.TopicPartition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AddPartitionsToTxnRequest;

/**
 * AddPartitionsToTxn: a producer's partitions join its open transaction (v0–3, one transaction per
 * request); brokers' batched form (v4+) with {@code verifyOnly} asks whether they already did. A
 * partition that does not exist fails the whole request: it gets {@code UNKNOWN_TOPIC_OR_PARTITION},
 * the others {@code OPERATION_NOT_ATTEMPTED}, as Kafka answers.
 */
public final class AddPartitionsToTxnHandler implements RequestHandler<AddPartitionsToTxnRequest> {
    private final TransactionCoordinator coordinator;
    private final TopicResolver topics;

    public AddPartitionsToTxnHandler(TransactionCoordinator coordinator, TopicResolver topics) {
        this.coordinator = coordinator;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<AddPartitionsToTxnResponseData> handle(RequestContext context, AddPartitionsToTxnRequest request) {
        AddPartitionsToTxnRequestData data = request.data();
        if (context.apiVersion() <= 3) {
            return add(data.v3AndBelowTransactionalId(), data.v3AndBelowProducerId(), data.v3AndBelowProducerEpoch(),
                    data.v3AndBelowTopics(), false).thenApply(r -> new AddPartitionsToTxnResponseData().setResultsByTopicV3AndBelow(r));
        }
        List<CompletableFuture<AddPartitionsToTxnResult>> results = new ArrayList<>();
        for (AddPartitionsToTxnTransaction t : data.transactions()) {
            results.add(add(t.transactionalId(), t.producerId(), t.producerEpoch(), t.topics(), t.verifyOnly())
                    .thenApply(r -> new AddPartitionsToTxnResult().setTransactionalId(t.transactionalId()).setTopicResults(r)));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(v -> {
            AddPartitionsToTxnResponseData response = new AddPartitionsToTxnResponseData();
            results.forEach(f -> response.resultsByTransaction().add(f.join()));
            return response;
        });
    }

    private CompletableFuture<AddPartitionsToTxnTopicResultCollection> add(String id, long pid, short epoch,
            Iterable<AddPartitionsToTxnTopic> requested, boolean verifyOnly) {
        List<TopicPartition> partitions = new ArrayList<>();
        Set<TopicPartition> missing = new HashSet<>();
        for (AddPartitionsToTxnTopic t : requested) {
            for (int p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p);
                partitions.add(tp);
                if (topics.topic(t.name(), null).flatMap(d -> topics.log(d, p)).isEmpty()) {
                    missing.add(tp);
                }
            }
        }
        if (!missing.isEmpty()) {
            return CompletableFuture.completedFuture(results(partitions,
                    tp -> missing.contains(tp) ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.OPERATION_NOT_ATTEMPTED));
        }
        if (verifyOnly) {
            List<CompletableFuture<Boolean>> checks = new ArrayList<>();
            partitions.forEach(tp -> checks.add(coordinator.inTransaction(id, pid, epoch, tp)));
            return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(v -> {
                int[] i = {0};
                return results(partitions, tp -> checks.get(i[0]++).join() ? Errors.NONE : Errors.TRANSACTION_ABORTABLE);
            });
        }
        return coordinator.addPartitions(id, pid, epoch, partitions).thenApply(e -> results(partitions, tp -> TxnErrors.of(e)));
    }

    private static AddPartitionsToTxnTopicResultCollection results(List<TopicPartition> partitions,
            java.util.function.Function<TopicPartition, Errors> error) {
        AddPartitionsToTxnTopicResultCollection out = new AddPartitionsToTxnTopicResultCollection();
        for (TopicPartition tp : partitions) {
            AddPartitionsToTxnTopicResult topic = out.find(tp.topic());
            if (topic == null) {
                topic = new AddPartitionsToTxnTopicResult().setName(tp.topic());
                out.add(topic);
            }
            topic.resultsByPartition().add(new AddPartitionsToTxnPartitionResult().setPartitionIndex(tp.partition())
                    .setPartitionErrorCode(error.apply(tp).code()));
        }
        return out;
    }
}
