package io.tributary.kafka.handler;

import io.tributary.kafka.ClientConnection;
import io.tributary.kafka.codec.RequestFrame;
import io.tributary.kafka.codec.ResponseFrame;
import io.tributary.kafka.codec.UnreadableRequestException;
import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.kafka.pipeline.RequestProcessor;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

/**
 * Routes each request to the handler of its API key, and turns a handler's failure into that API's
 * error response (kafka-clients' {@code getErrorResponse}, with the code from
 * {@link KafkaErrorMapper}). A request of an API with no handler closes the connection, as it would
 * on a Kafka broker: clients only send what ApiVersions advertised.
 */
public final class RequestDispatcher implements RequestProcessor {
    private final Map<ApiKeys, RequestHandler<?>> handlers = new EnumMap<>(ApiKeys.class);

    /** Registers the handler of {@code apiKey}; registering twice is a programming error. */
    public <R extends AbstractRequest> RequestDispatcher register(ApiKeys apiKey, RequestHandler<R> handler) {
        if (handlers.putIfAbsent(apiKey, handler) != null) {
            throw new IllegalStateException("two handlers for " + apiKey);
        }
        return this;
    }

    /**
     * Replaces the handler of {@code apiKey}, if one is registered, with {@code wrap} applied to it: for
     * checks that cut across APIs (authorization). Call after every handler is registered.
     */
    @SuppressWarnings("unchecked")
    public <R extends AbstractRequest> void decorate(ApiKeys apiKey, java.util.function.UnaryOperator<RequestHandler<R>> wrap) {
        handlers.computeIfPresent(apiKey, (k, h) -> wrap.apply((RequestHandler<R>) h));
    }

    /** The APIs with a handler: what ApiVersions advertises. */
    public Set<ApiKeys> apis() {
        return Collections.unmodifiableSet(handlers.keySet());
    }

    @Override
    public CompletableFuture<ResponseFrame> process(RequestFrame frame, ClientConnection connection) {
        RequestHandler<?> handler = handlers.get(frame.apiKey());
        if (handler == null) {
            frame.release();
            return CompletableFuture.failedFuture(new UnreadableRequestException(frame.describe() + ": API not served by this broker"));
        }
        CompletableFuture<? extends ApiMessage> body;
        try {
            body = invoke(handler, new RequestContext(frame, connection), frame.request());
        } catch (RuntimeException e) {
            body = CompletableFuture.failedFuture(e);
        }
        return body.handle((response, failure) -> {
            frame.release();
            if (failure != null) {
                if (KafkaErrorMapper.unwrap(failure) instanceof CloseConnectionException close) {
                    throw close;
                }
                return frame.respond(frame.request().getErrorResponse(0, KafkaErrorMapper.toApiException(failure)).data());
            }
            return response == null ? null : frame.respond(response);
        });
    }

    @SuppressWarnings("unchecked")
    private static <R extends AbstractRequest> CompletableFuture<? extends ApiMessage> invoke(RequestHandler<R> handler,
            RequestContext context, AbstractRequest request) {
        return handler.handle(context, (R) request);
    }
}
