package io.tributary.amqp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.tributary.amqp.detect.AmqpProtocolDetector;
import io.tributary.amqp.detect.ProtocolHeader;
import io.tributary.amqp.v091.codec.Amqp091FrameDecoder;
import io.tributary.amqp.v091.codec.Amqp091FrameParser;
import io.tributary.amqp.v091.session.Amqp091Connection;
import io.tributary.amqp.v10.Amqp10Pipeline;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds the AMQP port's pipeline: a protocol detector, which then installs the 0-9-1 pipeline
 * {@code frame-decoder → frame-parser → amqp091-connection} (heartbeat {@code idle} handler added
 * at tune), or for the AMQP 1.0 headers (plain and SASL) the proton-j engine {@code amqp10-proton}.
 */
@ChannelHandler.Sharable
public final class AmqpChannelInitializer extends ChannelInitializer<Channel> {
    private final AmqpContext context;
    private final Map<ProtocolHeader, AmqpProtocolDetector.PipelineInstaller> installers = new EnumMap<>(ProtocolHeader.class);

    public AmqpChannelInitializer(AmqpContext context) {
        this.context = context;
        installers.put(ProtocolHeader.AMQP_0_9_1, this::install091);
        installers.put(ProtocolHeader.AMQP_1_0, (p, after) -> Amqp10Pipeline.install(context, ProtocolHeader.AMQP_1_0, p, after));
        installers.put(ProtocolHeader.AMQP_1_0_SASL,
                (p, after) -> Amqp10Pipeline.install(context, ProtocolHeader.AMQP_1_0_SASL, p, after));
    }

    /** Adds or replaces the pipeline of a header; call before the listener accepts connections. */
    public void register(ProtocolHeader header, AmqpProtocolDetector.PipelineInstaller installer) {
        installers.put(header, installer);
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("amqp-detector", new AmqpProtocolDetector(Map.copyOf(installers), context.limits().handshakeTimeoutMs()));
    }

    private void install091(ChannelPipeline p, String after) {
        p.addAfter(after, "amqp091-frame-decoder", new Amqp091FrameDecoder(context.limits().frameMax()));
        p.addAfter("amqp091-frame-decoder", "amqp091-frame-parser", new Amqp091FrameParser());
        p.addAfter("amqp091-frame-parser", "amqp091-connection", new Amqp091Connection(context));
    }
}
