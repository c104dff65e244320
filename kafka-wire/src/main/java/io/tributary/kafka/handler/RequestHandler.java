package io.tributary.kafka.handler;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

/**
 * Handles one API. Called on the connection's event loop: return at once, with the work that
 * touches files submitted to {@link RequestContext#storage()}.
 *
 * @param <R> the request class of the API
 */
@FunctionalInterface
public interface RequestHandler<R extends AbstractRequest> {
    /**
     * @return the response body, or a future completed with null for a request that is not
     *     answered (Produce with acks=0). A failed future becomes the API's error response with
     *     the mapped error code.
     */
    CompletableFuture<? extends ApiMessage> handle(RequestContext context, R request);
}
