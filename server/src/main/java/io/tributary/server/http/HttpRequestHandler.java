package io.tributary.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the router for each complete request and maps unexpected failures to a 500. */
@ChannelHandler.Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOGGER = LoggerFactory.getLogger(HttpRequestHandler.class);
    private final HttpRouter router;

    HttpRequestHandler(HttpRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        if (!request.decoderResult().isSuccess()) {
            response = HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request");
            HttpUtil.setKeepAlive(response, false);
        } else {
            try {
                response = router.dispatch(request);
            } catch (Exception e) {
                LOGGER.warn("HTTP {} {} failed", request.method(), request.uri(), e);
                response = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", String.valueOf(e.getMessage()));
            }
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        }
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
