package io.tributary.amqp.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.amqp.auth.SaslMechanisms;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmqpProtocolDetectorTest {
    @Test
    void installsThePipelineOfAKnownHeaderAndPassesOnTheRest() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("detector", new AmqpProtocolDetector(Map.of(ProtocolHeader.AMQP_0_9_1,
                (p, after) -> p.addAfter(after, "next", new ChannelInboundHandlerAdapter()))));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'A', 'M', 'Q'}));
        assertThat(ch.pipeline().get("detector")).isNotNull();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'P', 0, 0, 9, 1, 42}));
        assertThat(ch.pipeline().get("detector")).isNull();
        assertThat(ch.pipeline().get("next")).isNotNull();
        ByteBuf rest = ch.readInbound();
        assertThat(ByteBufUtil.getBytes(rest)).containsExactly(42);
        rest.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void answersAnyOtherHeaderWith091AndCloses() {
        for (byte[] h : new byte[][] {ProtocolHeader.AMQP_1_0.bytes(), ProtocolHeader.AMQP_1_0_SASL.bytes(),
                "GET / HT".getBytes(StandardCharsets.US_ASCII)}) {
            EmbeddedChannel ch = new EmbeddedChannel(new AmqpProtocolDetector(Map.of()));
            ch.writeInbound(Unpooled.wrappedBuffer(h));
            ByteBuf answer = ch.readOutbound();
            assertThat(ByteBufUtil.getBytes(answer)).containsExactly(ProtocolHeader.AMQP_0_9_1.bytes());
            answer.release();
            assertThat(ch.isOpen()).isFalse();
        }
    }

    @Test
    void saslMechanismsReadPlainAndAmqplain() {
        assertThat(SaslMechanisms.parse("PLAIN", "\0guest\0secret".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new SaslMechanisms.Credentials("guest", "secret"));
        ByteBuf t = Unpooled.buffer();
        io.tributary.amqp.v091.codec.Wire.writeShortStr(t, "LOGIN");
        t.writeByte('S');
        io.tributary.amqp.v091.codec.Wire.writeLongStr(t, "u");
        io.tributary.amqp.v091.codec.Wire.writeShortStr(t, "PASSWORD");
        t.writeByte('S');
        io.tributary.amqp.v091.codec.Wire.writeLongStr(t, "p");
        assertThat(SaslMechanisms.parse("AMQPLAIN", ByteBufUtil.getBytes(t))).isEqualTo(new SaslMechanisms.Credentials("u", "p"));
        assertThatThrownBy(() -> SaslMechanisms.parse("EXTERNAL", new byte[0])).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> SaslMechanisms.parse("PLAIN", "guest".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AuthenticationException.class);
    }
}
