package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.txn.TransactionCoordinator;
import io.tributary.logstore.TopicPartition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AddOffsetsToTxnRequest;

/**
 * AddOffsetsToTxn: the group's partition of {@code __consumer_offsets} joins the transaction, so the
 * offsets the producer then sends with TxnOffsetCommit become visible with the commit marker.
 */
public final class AddOffsetsToTxnHandler implements RequestHandler<AddOffsetsToTxnRequest> {
    private final TransactionCoordinator coordinator;
    private final Function<String, Optional<TopicPartition>> offsetsPartition;

    /** @param offsetsPartition the {@code __consumer_offsets} partition of a group id, empty when that topic is not ready */
    public AddOffsetsToTxnHandler(TransactionCoordinator coordinator, Function<String, Optional<TopicPartition>> offsetsPartition) {
        this.coordinator = coordinator;
        this.offsetsPartition = offsetsPartition;
    }

    @Override
    public CompletableFuture<AddOffsetsToTxnResponseData> handle(RequestContext context, AddOffsetsToTxnRequest request) {
        AddOffsetsToTxnRequestData d = request.data();
        Optional<TopicPartition> tp = offsetsPartition.apply(d.groupId());
        if (tp.isEmpty()) {
            return CompletableFuture.completedFuture(new AddOffsetsToTxnResponseData().setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()));
        }
        return coordinator.addPartitions(d.transactionalId(), d.producerId(), d.producerEpoch(), List.of(tp.get()))
                .thenApply(e -> new AddOffsetsToTxnResponseData().setErrorCode(TxnErrors.of(e).code()));
    }
}
