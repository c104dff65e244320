package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.txn.TransactionCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.requests.EndTxnRequest;

/** EndTxn: commits or aborts the producer's transaction; answered once every marker is durable. */
public final class EndTxnHandler implements RequestHandler<EndTxnRequest> {
    private final TransactionCoordinator coordinator;

    public EndTxnHandler(TransactionCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<EndTxnResponseData> handle(RequestContext context, EndTxnRequest request) {
        EndTxnRequestData d = request.data();
        return coordinator.endTransaction(d.transactionalId(), d.producerId(), d.producerEpoch(), d.committed())
                .thenApply(e -> new EndTxnResponseData().setErrorCode(TxnErrors.of(e).code()));
    }
}
