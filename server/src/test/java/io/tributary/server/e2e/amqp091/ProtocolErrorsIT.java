package io.tributary.server.e2e.amqp091;

import static io.tributary.server.e2e.amqp091.Amqp.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.amqp.v091.codec.Wire;
import io.tributary.server.testing.BrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hard errors close only their own connection with RabbitMQ's reply codes; every other connection
 * goes on. (Soft errors are asserted where they arise: QueueIT, ConsumeIT, PublishIT, RoutingIT.)
 */
class ProtocolErrorsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static RawAmqpClient.RawFrame closeAfter(RawAmqpClient raw) throws Exception {
        RawAmqpClient.RawFrame f = raw.readMethod();
        assertThat(f.classId()).as("connection.close").isEqualTo(10);
        assertThat(f.methodId()).isEqualTo(50);
        return f;
    }

    @Test
    void wrongFrameEndIs501() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(0);
            raw.frame(1, 1, new byte[] {0, 20, 0, 10, 0}, 0x00);
            RawAmqpClient.RawFrame close = closeAfter(raw);
            assertThat(close.replyCode()).isEqualTo(501);
            assertThat(close.replyText()).startsWith("FRAME_ERROR");
        }
    }

    @Test
    void unknownFrameTypeIs501() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(0);
            raw.frame(5, 1, new byte[] {1}, 0xCE);
            assertThat(closeAfter(raw).replyCode()).isEqualTo(501);
        }
    }

    @Test
    void truncatedMethodIs502() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(0);
            raw.openChannel(1);
            raw.method(1, 50, 10, b -> b.writeShort(0));
            assertThat(closeAfter(raw).replyCode()).isEqualTo(502);
        }
    }

    @Test
    void contentWithoutPublishIs505() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(0);
            raw.openChannel(1);
            raw.frame(3, 1, new byte[] {1, 2, 3}, 0xCE);
            assertThat(closeAfter(raw).replyCode()).isEqualTo(505);
        }
    }

    @Test
    void methodWhereAContentHeaderIsExpectedIs505() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(0);
            raw.openChannel(1);
            raw.method(1, 60, 40, b -> {
                b.writeShort(0);
                Wire.writeShortStr(b, "");
                Wire.writeShortStr(b, "q");
                b.writeByte(0);
            });
            raw.method(1, 90, 10, b -> { });
            RawAmqpClient.RawFrame close = closeAfter(raw);
            assertThat(close.replyCode()).isEqualTo(505);
        }
    }

    @Test
    void methodOnAChannelThatIsNotOpenIs504() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(0);
            raw.method(3, 50, 10, b -> {
                b.writeShort(0);
                Wire.writeShortStr(b, "q");
                b.writeByte(0);
                b.writeInt(0);
            });
            RawAmqpClient.RawFrame close = closeAfter(raw);
            assertThat(close.replyCode()).isEqualTo(504);
            assertThat(close.replyText()).startsWith("CHANNEL_ERROR - expected 'channel.open'");
        }
    }

    @Test
    void secondChannelOpenIs504() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(0);
            raw.openChannel(1);
            raw.method(1, 20, 10, b -> Wire.writeShortStr(b, ""));
            assertThat(closeAfter(raw).replyText()).isEqualTo("CHANNEL_ERROR - second 'channel.open' seen");
        }
    }

    @Test
    void unknownExchangeTypeIs503AndOtherConnectionsGoOn() throws Exception {
        try (Connection bystander = Amqp.connect(BROKER.get()); Channel b = bystander.createChannel()) {
            String q = b.queueDeclare().getQueue();
            Connection victim = Amqp.connect(BROKER.get());
            Channel ch = victim.createChannel();
            assertThatThrownBy(() -> ch.exchangeDeclare("odd", "no-such-type")).satisfies(e -> {
                assertThat(Amqp.replyCode(e)).isEqualTo(503);
                assertThat(Amqp.replyText(e)).isEqualTo("COMMAND_INVALID - unknown exchange type 'no-such-type'");
            });
            await().until(() -> !victim.isOpen());
            b.basicPublish("", q, null, bytes("still here"));
            assertThat(Amqp.drain(b, q)).containsExactly("still here");
        }
    }

    @Test
    void immediatePublishIs540() throws Exception {
        Connection c = Amqp.connect(BROKER.get());
        Channel ch = c.createChannel();
        ch.basicPublish("", "q", false, true, null, bytes("x"));
        await().until(() -> !c.isOpen());
        assertThat(Amqp.replyCode(c.getCloseReason())).isEqualTo(540);
        assertThat(Amqp.replyText(c.getCloseReason())).isEqualTo("NOT_IMPLEMENTED - immediate=true");
    }

    @Test
    void prefetchSizeIs540() throws Exception {
        Connection c = Amqp.connect(BROKER.get());
        Channel ch = c.createChannel();
        assertThatThrownBy(() -> ch.basicQos(1024, 10, false)).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(540));
    }

    @Test
    void frameMaxAboveTheServersIs530() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.send(RawAmqpClient.HEADER_091);
            raw.readMethod();
            raw.method(0, 10, 11, b -> {
                io.tributary.amqp.v091.codec.FieldTable.write(b, java.util.Map.of());
                Wire.writeShortStr(b, "PLAIN");
                Wire.writeLongStr(b, "\0guest\0guest");
                Wire.writeShortStr(b, "en_US");
            });
            raw.readMethod();
            raw.method(0, 10, 31, b -> b.writeShort(0).writeInt(10_000_000).writeShort(0));
            RawAmqpClient.RawFrame close = closeAfter(raw);
            assertThat(close.replyCode()).isEqualTo(530);
        }
    }
}
