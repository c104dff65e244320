package io.tributary.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the router for each complete request and maps unexpected failures to a 500. Handlers run on
 * the HTTP worker threads, never on the event loop (management calls wait for queue actors and the
 * metadata store); the requests of one connection run one after another, so pipelined requests are
 * answered in order.
 */
@ChannelHandler.Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOGGER = LoggerFactory.getLogger(HttpRequestHandler.class);
    private static final AttributeKey<CompletableFuture<Void>> TAIL = AttributeKey.valueOf("tributary.http.tail");
    private final HttpRouter router;
    private final Executor workers;

    HttpRequestHandler(HttpRouter router, Executor workers) {
        this.router = router;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            FullHttpResponse response = HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request");
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response);
            return;
        }
        FullHttpRequest retained = request.retainedDuplicate();
        CompletableFuture<Void> tail = ctx.channel().attr(TAIL).get();
        if (tail == null) {
            tail = CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> next = tail.thenRunAsync(() -> handle(ctx, retained), workers);
        ctx.channel().attr(TAIL).set(next);
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        try {
            response = router.dispatch(request, ctx.channel().remoteAddress());
        } catch (Exception e) {
            LOGGER.warn("HTTP {} {} failed", request.method(), request.uri(), e);
            response = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", String.valueOf(e.getMessage()));
        } finally {
            request.release();
        }
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(response);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOGGER.debug("HTTP connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
