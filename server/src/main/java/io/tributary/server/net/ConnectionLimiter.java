package io.tributary.server.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection at once when its listener already has its maximum; shared by all of one
 * listener's connections.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;

    private final String listener;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    ConnectionLimiter(String listener, int max) {
        this.listener = listener;
        this.max = max;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
                LOGGER.warn("{} listener is at its limit of {} connections; refusing {}", listener, max, ctx.channel().remoteAddress());
            }
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Reached only for refused connections (accepted ones removed this handler).
        open.decrementAndGet();
        super.channelInactive(ctx);
    }
}
