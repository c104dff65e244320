package io.tributary.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.tributary.server.protocol.ProtocolService;
import java.util.concurrent.TimeUnit;

/** The HTTP listener's pipeline: idle timeout, HTTP/1.1 codec, keep-alive, aggregation, router. */
public final class HttpServerInitializer implements ProtocolService {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private final ChannelHandler initializer;

    public HttpServerInitializer(HttpRouter router) {
        this.initializer = new Init(new HttpRequestHandler(router));
    }

    @Override
    public ChannelHandler channelInitializer() {
        return initializer;
    }

    @Override
    public void close() {
    }

    @ChannelHandler.Sharable
    private static final class Init extends ChannelInitializer<Channel> {
        private final HttpRequestHandler handler;

        Init(HttpRequestHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void initChannel(Channel ch) {
            ch.pipeline()
                    .addLast("idle", new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS))
                    .addLast("http-codec", new HttpServerCodec())
                    .addLast("keep-alive", new HttpServerKeepAliveHandler())
                    .addLast("aggregator", new HttpObjectAggregator(MAX_BODY_BYTES))
                    .addLast("router", handler);
        }
    }
}
