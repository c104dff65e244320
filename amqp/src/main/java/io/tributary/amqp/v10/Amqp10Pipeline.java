package io.tributary.amqp.v10;

import io.netty.channel.ChannelPipeline;
import io.tributary.amqp.AmqpContext;
import io.tributary.amqp.detect.ProtocolHeader;
import io.tributary.amqp.v10.proton.ProtonHandler;
import io.tributary.amqp.v10.session.Amqp10Connection;

/**
 * Installs the AMQP 1.0 pipeline after the protocol detector: one {@code amqp10-proton} handler (the
 * proton-j engine with its connection above it). proton does its own framing, so there is no separate
 * frame decoder. The header the detector consumed is handed to the engine.
 */
public final class Amqp10Pipeline {
    private Amqp10Pipeline() {
    }

    public static void install(AmqpContext context, ProtocolHeader header, ChannelPipeline p, String after) {
        boolean sasl = header == ProtocolHeader.AMQP_1_0_SASL;
        p.addAfter(after, "amqp10-proton", new ProtonHandler(context, header.bytes(), sasl, new Amqp10Connection(context)));
    }
}
