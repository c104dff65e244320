package io.tributary.server.http.api;

import io.netty.handler.codec.http.FullHttpResponse;

/** One management route, after authentication. */
@FunctionalInterface
public interface ApiHandler {
    FullHttpResponse handle(ApiRequest request) throws Exception;
}
