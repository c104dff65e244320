package io.tributary.kafka.handler.produce;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.producer.ProducerIdManager;
import io.tributary.kafka.txn.TransactionCoordinator;
import io.tributary.kafka.txn.TxnError;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.InitProducerIdRequest;

/**
 * InitProducerId. Idempotent producers (no transactional id; every modern Java producer sends one)
 * get a producer id never used before, epoch 0; as in Kafka, one that asks again (after an
 * unknown-producer or sequence error, KIP-360) gets a fresh id rather than a bumped epoch.
 * Transactional producers get their id's producer id with the next epoch from the transaction
 * coordinator, which fences the previous session.
 */
public final class InitProducerIdHandler implements RequestHandler<InitProducerIdRequest> {
    private final ProducerIdManager producerIds;
    private final TransactionCoordinator transactions;

    public InitProducerIdHandler(ProducerIdManager producerIds, TransactionCoordinator transactions) {
        this.producerIds = producerIds;
        this.transactions = transactions;
    }

    @Override
    public CompletableFuture<InitProducerIdResponseData> handle(RequestContext context, InitProducerIdRequest request) {
        InitProducerIdRequestData d = request.data();
        if (d.transactionalId() != null) {
            return transactions.initProducerId(d.transactionalId(), d.transactionTimeoutMs(), d.producerId(), d.producerEpoch())
                    .thenApply(r -> r.error() == TxnError.NONE
                            ? new InitProducerIdResponseData().setProducerId(r.producerId()).setProducerEpoch(r.producerEpoch())
                            : new InitProducerIdResponseData().setErrorCode(Errors.valueOf(r.error().name()).code()));
        }
        return producerIds.next().handle((id, e) -> e != null
                ? new InitProducerIdResponseData().setErrorCode(KafkaErrorMapper.toError(e).code())
                : new InitProducerIdResponseData().setProducerId(id).setProducerEpoch((short) 0));
    }
}
