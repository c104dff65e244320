package io.tributary.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One HTTP request as a route handler sees it: decoded path variables, query and body. */
public final class HttpRequestContext {
    private final FullHttpRequest request;
    private final Map<String, String> pathVariables;
    private final QueryStringDecoder query;

    HttpRequestContext(FullHttpRequest request, Map<String, String> pathVariables, QueryStringDecoder query) {
        this.request = request;
        this.pathVariables = pathVariables;
        this.query = query;
    }

    public FullHttpRequest request() {
        return request;
    }

    /** A path variable, URL-decoded (so RabbitMQ's {@code %2F} vhost arrives as {@code /}). */
    public String path(String name) {
        return pathVariables.get(name);
    }

    public String query(String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String header(String name) {
        return request.headers().get(name);
    }

    public String bodyText() {
        return request.content().toString(StandardCharsets.UTF_8);
    }
}
