package io.tributary.amqp.detect;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMQP port's first handler: waits for the 8-byte protocol header, installs the pipeline of
 * that protocol after itself and removes itself (bytes already received flow on to the new
 * pipeline). The AMQP 0-9-1, 1.0 and 1.0 SASL headers each have an installer; a header with none
 * (anything else) is answered with the 0-9-1 header, as the 0-9-1 spec asks, and the connection is
 * closed. The 1.0 installers replay the header into proton, which checks it itself.
 */
public final class AmqpProtocolDetector extends ByteToMessageDecoder {
    private static final Logger LOGGER = LoggerFactory.getLogger(AmqpProtocolDetector.class);

    /** Adds a protocol's handlers after {@code afterName} in the pipeline. */
    @FunctionalInterface
    public interface PipelineInstaller {
        void install(ChannelPipeline pipeline, String afterName);
    }

    private final Map<ProtocolHeader, PipelineInstaller> installers;
    private final long headerTimeoutMs;
    private ScheduledFuture<?> timeout;

    public AmqpProtocolDetector(Map<ProtocolHeader, PipelineInstaller> installers) {
        this(installers, 0);
    }

    /** @param headerTimeoutMs a connection that has not sent its 8-byte header by then is closed (0: never) */
    public AmqpProtocolDetector(Map<ProtocolHeader, PipelineInstaller> installers, long headerTimeoutMs) {
        this.installers = installers;
        this.headerTimeoutMs = headerTimeoutMs;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (headerTimeoutMs > 0) {
            timeout = ctx.executor().schedule(() -> {
                LOGGER.info("Closing AMQP connection from {}: no protocol header within {} ms", ctx.channel().remoteAddress(), headerTimeoutMs);
                ctx.close();
            }, headerTimeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < ProtocolHeader.LENGTH) {
            return;
        }
        byte[] received = new byte[ProtocolHeader.LENGTH];
        in.readBytes(received);
        ProtocolHeader header = ProtocolHeader.of(received);
        PipelineInstaller installer = header == null ? null : installers.get(header);
        if (installer == null) {
            LOGGER.debug("Unsupported protocol header from {}; answering with the AMQP 0-9-1 header", ctx.channel().remoteAddress());
            in.skipBytes(in.readableBytes());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ProtocolHeader.AMQP_0_9_1.bytes())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        installer.install(ctx.pipeline(), ctx.name());
        ctx.pipeline().remove(this);
    }
}
