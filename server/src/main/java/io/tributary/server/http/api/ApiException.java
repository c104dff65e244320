package io.tributary.server.http.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A failure with the status and RabbitMQ's {@code {"error", "reason"}} body it is answered with. */
public final class ApiException extends RuntimeException {
    private final HttpResponseStatus status;
    private final String error;

    public ApiException(HttpResponseStatus status, String error, String reason) {
        super(reason);
        this.status = status;
        this.error = error;
    }

    public static ApiException notFound() {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "Object Not Found", "Not Found");
    }

    public static ApiException badRequest(String reason) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", reason);
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "not_authorised", reason);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
