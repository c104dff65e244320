package io.tributary.server.e2e.amqp091;

import static io.tributary.server.e2e.amqp091.Amqp.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.amqp.v091.codec.Wire;
import io.tributary.server.testing.BrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection handshake, authentication, heartbeats, protocol headers and resource alarms. */
class ConnectionIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void serverPropertiesAdvertiseRabbitMqCapabilities() throws Exception {
        try (Connection c = Amqp.connect(BROKER.get())) {
            Map<String, Object> props = c.getServerProperties();
            assertThat(props.get("product").toString()).isEqualTo("Tributary");
            @SuppressWarnings("unchecked")
            Map<String, Object> caps = (Map<String, Object>) props.get("capabilities");
            assertThat(caps).containsEntry("publisher_confirms", true).containsEntry("exchange_exchange_bindings", true)
                    .containsEntry("basic.nack", true).containsEntry("consumer_cancel_notify", true)
                    .containsEntry("connection.blocked", true).containsEntry("authentication_failure_close", true)
                    .containsEntry("per_consumer_qos", true).containsEntry("direct_reply_to", true);
        }
    }

    @Test
    void negotiatesHeartbeatFrameMaxAndChannelMax() throws Exception {
        ConnectionFactory f = Amqp.factory(BROKER.get());
        f.setRequestedHeartbeat(7);
        f.setRequestedFrameMax(65536);
        f.setRequestedChannelMax(10);
        try (Connection c = f.newConnection()) {
            assertThat(c.getHeartbeat()).isEqualTo(7);
            assertThat(c.getFrameMax()).isEqualTo(65536);
            assertThat(c.getChannelMax()).isEqualTo(10);
        }
    }

    @Test
    void wrongPasswordIsRefusedWithAccessRefused() {
        ConnectionFactory f = Amqp.factory(BROKER.get());
        f.setPassword("not-guest");
        assertThatThrownBy(f::newConnection).isInstanceOf(AuthenticationFailureException.class)
                .hasMessageContaining("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN");
    }

    @Test
    void unknownVirtualHostIs530() {
        ConnectionFactory f = Amqp.factory(BROKER.get());
        f.setVirtualHost("nowhere");
        assertThatThrownBy(f::newConnection).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(530);
            assertThat(Amqp.replyText(e)).isEqualTo("NOT_ALLOWED - vhost nowhere not found");
        });
    }

    @Test
    void amqplainLoginWorks() throws Exception {
        ByteBuf t = Unpooled.buffer();
        Wire.writeShortStr(t, "LOGIN");
        t.writeByte('S');
        Wire.writeLongStr(t, "guest");
        Wire.writeShortStr(t, "PASSWORD");
        t.writeByte('S');
        Wire.writeLongStr(t, "guest");
        byte[] response = new byte[t.readableBytes()];
        t.readBytes(response);
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake("AMQPLAIN", response, 0);
            raw.openChannel(1);
        }
    }

    @Test
    void unsupportedProtocolHeadersGetTheSupportedHeaderAndAClose() throws Exception {
        // AMQP 1.0 headers (0-1-0-0, 3-1-0-0) are served now; see the amqp10 tests.
        List<byte[]> headers = List.of("HTTP/1.1".getBytes(), new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 0},
                new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 9});
        for (byte[] h : headers) {
            try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
                raw.send(h);
                assertThat(raw.readBytes(8)).isEqualTo(RawAmqpClient.HEADER_091);
                assertThat(raw.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void missedHeartbeatsCloseTheConnection() throws Exception {
        try (RawAmqpClient raw = new RawAmqpClient(BROKER.get().amqpPort())) {
            raw.handshake(1);
            RawAmqpClient.RawFrame f = raw.read();
            assertThat(f.type()).as("server heartbeat").isEqualTo(8);
            assertThat(raw.closedByServer()).as("closed after two silent heartbeat intervals").isTrue();
        }
    }

    @Test
    void resourceAlarmBlocksAndUnblocksPublishers() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Connection c = Amqp.connect(BROKER.get()); Channel ch = c.createChannel()) {
            c.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    events.add("blocked: " + reason);
                }

                @Override
                public void handleUnblocked() {
                    events.add("unblocked");
                }
            });
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, bytes("before"));
            await().until(() -> ch.messageCount(q) == 1);
            BROKER.get().broker().amqp().context().alarm().set(true);
            await().until(() -> events.contains("blocked: low on memory"));
            BROKER.get().broker().amqp().context().alarm().set(false);
            await().until(() -> events.contains("unblocked"));
            ch.basicPublish("", q, null, bytes("after"));
            await().until(() -> ch.messageCount(q) == 2);
        }
    }
}
