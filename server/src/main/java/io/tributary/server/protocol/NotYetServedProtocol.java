package io.tributary.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a listener's port for a protocol whose pipeline is not wired yet: accepts connections and
 * closes each as soon as it sends a byte.
 */
public final class NotYetServedProtocol implements ProtocolService {
    private static final Logger LOGGER = LoggerFactory.getLogger(NotYetServedProtocol.class);
    private final ChannelHandler handler;

    public NotYetServedProtocol(String name) {
        this.handler = new Closer(name);
    }

    @Override
    public ChannelHandler channelInitializer() {
        return handler;
    }

    @Override
    public void close() {
    }

    @ChannelHandler.Sharable
    private static final class Closer extends ChannelInboundHandlerAdapter {
        private final String name;

        Closer(String name) {
            this.name = name;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                buf.release();
            }
            LOGGER.debug("{} is not served by this build; closing {}", name, ctx.channel().remoteAddress());
            ctx.close();
        }
    }
}
