package io.tributary.kafka.handler.produce;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.producer.ProducerIdManager;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.InitProducerIdRequest;

/**
 * InitProducerId for idempotent producers (every modern Java producer sends one): a producer id
 * never used before, epoch 0. As in Kafka, a producer without a transactional id that asks again
 * (after an unknown-producer or sequence error, KIP-360) gets a fresh id rather than a bumped epoch.
 * Transactional ids belong to the transaction coordinator.
 */
public final class InitProducerIdHandler implements RequestHandler<InitProducerIdRequest> {
    private final ProducerIdManager producerIds;

    public InitProducerIdHandler(ProducerIdManager producerIds) {
        this.producerIds = producerIds;
    }

    @Override
    public CompletableFuture<InitProducerIdResponseData> handle(RequestContext context, InitProducerIdRequest request) {
        if (request.data().transactionalId() != null) {
            return CompletableFuture.completedFuture(new InitProducerIdResponseData().setErrorCode(Errors.NOT_COORDINATOR.code()));
        }
        return producerIds.next().handle((id, e) -> e != null
                ? new InitProducerIdResponseData().setErrorCode(KafkaErrorMapper.toError(e).code())
                : new InitProducerIdResponseData().setProducerId(id).setProducerEpoch((short) 0));
    }
}
