package io.tributary.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One HTTP request as a route handler sees it: decoded path variables, query and body. */
public final class HttpRequestContext {
    private final FullHttpRequest request;
    private final Map<String, String> pathVariables;
    private final QueryStringDecoder query;
    private final SocketAddress remote;

    HttpRequestContext(FullHttpRequest request, Map<String, String> pathVariables, QueryStringDecoder query, SocketAddress remote) {
        this.request = request;
        this.pathVariables = pathVariables;
        this.query = query;
        this.remote = remote;
    }

    /** The client's address (loopback users, the failed-login throttle). */
    public SocketAddress remoteAddress() {
        return remote;
    }

    public HttpMethod method() {
        return request.method();
    }

    /** The request path without the query, still URL-encoded. */
    public String rawPath() {
        return query.rawPath();
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
