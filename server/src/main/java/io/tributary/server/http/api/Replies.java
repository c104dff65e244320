package io.tributary.server.http.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.server.http.HttpResponses;

/** The answers of the management API, as RabbitMQ gives them. */
final class Replies {
    private Replies() {
    }

    static FullHttpResponse ok(Object body) {
        return HttpResponses.json(HttpResponseStatus.OK, body);
    }

    /** 201 with no body: a PUT made something new. */
    static FullHttpResponse created() {
        return HttpResponses.bytes(HttpResponseStatus.CREATED, "application/json", new byte[0]);
    }

    /** 204: updated or deleted. */
    static FullHttpResponse noContent() {
        return HttpResponses.bytes(HttpResponseStatus.NO_CONTENT, "application/json", new byte[0]);
    }

    /** 201 when {@code isNew}, else 204. */
    static FullHttpResponse createdOrUpdated(boolean isNew) {
        return isNew ? created() : noContent();
    }
}
