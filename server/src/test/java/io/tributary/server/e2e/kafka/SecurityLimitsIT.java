package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.config.LimitSettings;
import io.tributary.config.SecuritySettings;
import io.tributary.server.testing.BrokerExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Handshake timeouts on every protocol, per-user connection limits (AMQP and Kafka SASL), and the vhost queue limit. */
class SecurityLimitsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(SecuritySettings.KAFKA_SECURITY_PROTOCOL, "SASL_PLAINTEXT")
            .set(LimitSettings.HANDSHAKE_TIMEOUT_MS, 800L).set(LimitSettings.MAX_CONNECTIONS_PER_USER, 2).set(LimitSettings.MAX_QUEUES, 3));

    @BeforeAll
    static void users() {
        BROKER.get().broker().userStore().putUser("limited", "limited-pw", Set.of()).join();
        BROKER.get().broker().userStore().setPermissions("limited", "/", io.tributary.config.security.VhostPermissions.ALL).join();
    }

    /** True once the broker closed a socket that sent {@code first} and then nothing. */
    static void closedAfterSilence(int port, byte[] first) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(first);
            out.flush();
            InputStream in = s.getInputStream();
            long start = System.nanoTime();
            while (in.read() >= 0) {
                // whatever the broker says first (connection.start, its SASL mechanisms) is read and ignored
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AMQP\u0000\u0000\u0009\u0001", "AMQP\u0003\u0001\u0000\u0000", "AMQP\u0000\u0001\u0000\u0000"})
    void silentAmqpClientsAreClosedAfterTheHandshakeTimeout(String header) throws Exception {
        closedAfterSilence(BROKER.get().amqpPort(), header.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void kafkaClientsThatDoNotAuthenticateAreClosed() throws Exception {
        closedAfterSilence(BROKER.get().kafkaPort(), new byte[0]);
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            c.send(new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
            await().atMost(Duration.ofSeconds(10)).until(c::closedByBroker);
        }
    }

    static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(BROKER.get().amqpPort());
        f.setUsername("limited");
        f.setPassword("limited-pw");
        f.setAutomaticRecoveryEnabled(false);
        f.setRequestedHeartbeat(0);
        return f;
    }

    @Test
    void aUserGetsAtMostItsConnectionsOnEachListener() throws Exception {
        try (Connection one = factory().newConnection(); Connection two = factory().newConnection()) {
            assertThatThrownBy(() -> factory().newConnection()).hasStackTraceContaining("user connection limit (2) is reached");
            assertThat(one.isOpen() && two.isOpen()).isTrue();
        }
        await().untilAsserted(() -> factory().newConnection().close());
        try (RawKafkaClient a = authenticated(Errors.NONE); RawKafkaClient b = authenticated(Errors.NONE)) {
            authenticated(Errors.SASL_AUTHENTICATION_FAILED).close();
        }
        await().untilAsserted(() -> authenticated(Errors.NONE).close());
    }

    static RawKafkaClient authenticated(Errors expected) throws Exception {
        RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort());
        c.send(new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
        SaslAuthenticateResponse r = (SaslAuthenticateResponse) c.send(new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData()
                .setAuthBytes("\0limited\0limited-pw".getBytes(StandardCharsets.UTF_8))), (short) 2);
        assertThat(r.error()).isEqualTo(expected);
        return c;
    }

    @Test
    void aVhostHoldsAtMostItsQueueLimit() throws Exception {
        try (Connection c = factory().newConnection()) {
            Channel ch = c.createChannel();
            int declared = 0;
            for (int i = 0; i < 3 && BROKER.get().broker().routingCore().vhosts().get("/").destinations().size() < 3; i++) {
                ch.queueDeclare("limit-q-" + i, false, false, false, null);
                declared++;
            }
            assertThat(declared).isPositive();
            ch.queueDeclare("limit-q-0", false, false, false, null);
            assertThatThrownBy(() -> ch.queueDeclare("limit-q-over", false, false, false, null))
                    .hasStackTraceContaining("PRECONDITION_FAILED - cannot declare queue 'limit-q-over': queue limit in vhost '/' (3) is reached");
        }
    }
}
