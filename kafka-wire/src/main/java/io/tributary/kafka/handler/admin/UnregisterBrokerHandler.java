package io.tributary.kafka.handler.admin;

import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.UnregisterBrokerRequest;

/**
 * UnregisterBroker ({@code kafka-cluster.sh unregister --id N}, Admin.unregisterBroker): removes a
 * stopped node from the cluster for good, its registration and its membership of the metadata
 * quorum. Refused while the node runs or still holds replicas (reassign them first).
 */
public final class UnregisterBrokerHandler implements RequestHandler<UnregisterBrokerRequest> {
    private final Leadership leadership;

    public UnregisterBrokerHandler(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public CompletableFuture<UnregisterBrokerResponseData> handle(RequestContext context, UnregisterBrokerRequest request) {
        return leadership.unregister(request.data().brokerId()).thenApply(UnregisterBrokerHandler::response);
    }

    private static UnregisterBrokerResponseData response(ApiError e) {
        return new UnregisterBrokerResponseData().setErrorCode(e.error().code())
                .setErrorMessage(e.error() == org.apache.kafka.common.protocol.Errors.NONE ? null : e.message());
    }
}
