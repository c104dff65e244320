package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.txn.TransactionCoordinator;
import io.tributary.kafka.txn.TransactionSnapshot;
import io.tributary.logstore.TopicPartition;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData.TopicData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData.TransactionState;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeTransactionsRequest;

/** DescribeTransactions: state, producer, timeout, start time and partitions of each transactional id. */
public final class DescribeTransactionsHandler implements RequestHandler<DescribeTransactionsRequest> {
    private final TransactionCoordinator coordinator;

    public DescribeTransactionsHandler(TransactionCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<DescribeTransactionsResponseData> handle(RequestContext context, DescribeTransactionsRequest request) {
        var ids = request.data().transactionalIds();
        if (!coordinator.isLoaded()) {
            DescribeTransactionsResponseData r = new DescribeTransactionsResponseData();
            ids.forEach(id -> r.transactionStates().add(new TransactionState().setTransactionalId(id)
                    .setErrorCode(Errors.COORDINATOR_LOAD_IN_PROGRESS.code())));
            return CompletableFuture.completedFuture(r);
        }
        return coordinator.describe(ids).thenApply(found -> {
            DescribeTransactionsResponseData r = new DescribeTransactionsResponseData();
            for (String id : ids) {
                r.transactionStates().add(found.get(id).map(DescribeTransactionsHandler::state)
                        .orElseGet(() -> new TransactionState().setTransactionalId(id).setErrorCode(Errors.TRANSACTIONAL_ID_NOT_FOUND.code())));
            }
            return r;
        });
    }

    private static TransactionState state(TransactionSnapshot s) {
        TransactionState t = new TransactionState().setTransactionalId(s.transactionalId()).setTransactionState(s.state().kafkaName())
                .setTransactionTimeoutMs(s.timeoutMs()).setTransactionStartTimeMs(s.startMs()).setProducerId(s.producerId())
                .setProducerEpoch(s.producerEpoch());
        for (TopicPartition tp : s.partitions()) {
            TopicData topic = t.topics().find(tp.topic());
            if (topic == null) {
                topic = new TopicData().setTopic(tp.topic());
                t.topics().add(topic);
            }
            topic.partitions().add(tp.partition());
        }
        return t;
    }
}
