package io.tributary.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method + path pattern to a handler. Patterns are literal segments and {@code {variables}};
 * the raw path is split on {@code /} before decoding, so an encoded slash ({@code %2F}) stays
 * inside one variable, as RabbitMQ's API needs for the {@code /} virtual host.
 */
public final class HttpRouter {
    /** Handles one matched request; runs on an HTTP worker thread (it may wait, briefly, for other threads). */
    @FunctionalInterface
    public interface Handler {
        FullHttpResponse handle(HttpRequestContext request) throws Exception;
    }

    private record Route(HttpMethod method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public HttpRouter route(HttpMethod method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    FullHttpResponse dispatch(FullHttpRequest request, SocketAddress remote) throws Exception {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String[] path = split(query.rawPath());
        boolean pathMatched = false;
        for (Route r : routes) {
            Map<String, String> vars = match(r.segments(), path);
            if (vars == null) {
                continue;
            }
            pathMatched = true;
            if (r.method().equals(request.method())) {
                return r.handler().handle(new HttpRequestContext(request, vars, query, remote));
            }
        }
        if (pathMatched) {
            return HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed", request.method() + " is not supported here");
        }
        return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "Object Not Found", "Not Found");
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                vars.put(p.substring(1, p.length() - 1), URLDecoder.decode(path[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return vars;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
