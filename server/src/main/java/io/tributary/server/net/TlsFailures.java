package io.tributary.server.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after a listener's {@code tls} handler: a connection whose TLS fails (plain bytes on a TLS
 * port, a bad handshake, an untrusted client certificate) is closed and logged at DEBUG; other
 * failures go on to the protocol's handlers. Shared by all connections.
 */
@ChannelHandler.Sharable
final class TlsFailures extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(TlsFailures.class);
    static final TlsFailures INSTANCE = new TlsFailures();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof SSLException) {
            LOGGER.debug("TLS failed for {}: {}", ctx.channel().remoteAddress(), t.toString());
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }
}
