package io.tributary.server.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.error.RoutingCoreException;
import io.tributary.kafka.group.GroupError;
import io.tributary.kafka.group.GroupException;
import io.tributary.logstore.LogStoreException;
import io.tributary.logstore.UnknownTopicOrPartitionException;
import io.tributary.server.http.HttpResponses;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping of failures to management API answers, as RabbitMQ gives them: missing things
 * are 404 {@code {"error":"Object Not Found","reason":"Not Found"}}; refused or invalid requests
 * (inequivalent redeclarations, bad arguments, bad JSON) are 400 {@code bad_request} with the
 * reason; what the user may not do is 403; anything unexpected is 500 and logged.
 */
final class ApiErrors {
    private static final Logger LOGGER = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static FullHttpResponse toResponse(Throwable failure, String what) {
        Throwable t = unwrap(failure);
        ApiException api = map(t);
        if (api == null) {
            LOGGER.warn("Management request {} failed", what, t);
            return HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", String.valueOf(t.getMessage()));
        }
        return HttpResponses.error(api.status(), api.error(), api.getMessage());
    }

    private static ApiException map(Throwable t) {
        if (t instanceof ApiException a) {
            return a;
        }
        if (t instanceof NotFoundException || t instanceof UnknownTopicOrPartitionException) {
            return ApiException.notFound();
        }
        if (t instanceof AccessRefusedException) {
            return ApiException.forbidden(t.getMessage());
        }
        if (t instanceof GroupException g) {
            return g.error() == GroupError.GROUP_ID_NOT_FOUND ? ApiException.notFound() : ApiException.badRequest(g.getMessage());
        }
        if (t instanceof RoutingCoreException || t instanceof LogStoreException || t instanceof IllegalArgumentException
                || t instanceof JsonProcessingException) {
            return ApiException.badRequest(t.getMessage());
        }
        if (t instanceof TimeoutException) {
            return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "timeout", "the broker did not answer in time");
        }
        return null;
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
