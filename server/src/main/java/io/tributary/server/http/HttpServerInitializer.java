package io.tributary.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.tributary.server.protocol.ProtocolService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The HTTP listener's pipeline (idle timeout, HTTP/1.1 codec, keep-alive, aggregation, router) and the worker threads handlers run on. */
public final class HttpServerInitializer implements ProtocolService {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final int WORKERS = 4;
    private final ChannelHandler initializer;
    private final ExecutorService workers;

    public HttpServerInitializer(HttpRouter router) {
        AtomicInteger ids = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "http-worker-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.initializer = new Init(new HttpRequestHandler(router, workers));
    }

    @Override
    public ChannelHandler channelInitializer() {
        return initializer;
    }

    @Override
    public void close() {
        workers.shutdown();
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
