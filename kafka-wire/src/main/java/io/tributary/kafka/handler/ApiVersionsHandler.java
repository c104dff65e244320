package io.tributary.kafka.handler;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;

/**
 * ApiVersions: the APIs this broker serves with the version ranges kafka-clients 4.3.1 implements,
 * computed by kafka-clients itself for a broker listener, so Apache Kafka's quirks come along (Produce
 * advertised from v0 though v0–2 are refused, which keeps older librdkafka compressing). A request of a
 * version newer than ours arrives as v0 and gets {@code UNSUPPORTED_VERSION} with the full list (KIP-511).
 */
public final class ApiVersionsHandler implements RequestHandler<ApiVersionsRequest> {
    private final Supplier<Set<ApiKeys>> apis;
    private volatile ApiVersionCollection advertised;

    /** @param apis the served APIs (read once, at the first request, when every handler is registered) */
    public ApiVersionsHandler(Supplier<Set<ApiKeys>> apis) {
        this.apis = apis;
    }

    @Override
    public CompletableFuture<ApiVersionsResponseData> handle(RequestContext context, ApiVersionsRequest request) {
        ApiVersionsResponseData response = new ApiVersionsResponseData().setApiKeys(advertised().duplicate());
        if (request.hasUnsupportedRequestVersion()) {
            response.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
        } else if (!request.isValid()) {
            response.setErrorCode(Errors.INVALID_REQUEST.code());
        }
        return CompletableFuture.completedFuture(response);
    }

    private ApiVersionCollection advertised() {
        ApiVersionCollection a = advertised;
        if (a == null) {
            a = org.apache.kafka.common.requests.ApiVersionsResponse.collectApis(ApiMessageType.ListenerType.BROKER, apis.get(), false);
            advertised = a;
        }
        return a;
    }
}
