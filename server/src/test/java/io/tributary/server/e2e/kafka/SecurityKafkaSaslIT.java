package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.SecuritySettings;
import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.TributaryBroker;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka SASL on a SASL_PLAINTEXT listener with real kafka-clients: PLAIN, SCRAM-SHA-256 and
 * SCRAM-SHA-512 with good and bad credentials against the user store, and the wire-level rules for
 * unauthenticated connections (raw requests).
 */
class SecurityKafkaSaslIT {
    @RegisterExtension
    // many deliberate failures from 127.0.0.1 here: the failed-login throttle (tested on its own) is off so they cannot lock out the good logins
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(SecuritySettings.KAFKA_SECURITY_PROTOCOL, "SASL_PLAINTEXT")
            .set(SecuritySettings.AUTH_FAILURE_LIMIT, 0));

    @BeforeAll
    static void users() {
        BROKER.get().broker().userStore().putUser("kafka-alice", "alice-pw", Set.of()).join();
    }

    static Map<String, Object> sasl(String mechanism, String user, String password) {
        String module = "PLAIN".equals(mechanism) ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM, mechanism,
                SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void goodCredentialsProduceAndConsume(String mechanism) throws Exception {
        String topic = "sasl-" + mechanism.toLowerCase();
        try (KafkaProducer<String, String> p = KafkaClients.producer(BROKER.get().kafkaBootstrap(), sasl(mechanism, "kafka-alice", "alice-pw"))) {
            p.send(new ProducerRecord<>(topic, "k", "hello " + mechanism)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> c = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), sasl(mechanism, "kafka-alice", "alice-pw"))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<String, String>> got = KafkaClients.pollUntil(c, 1);
            assertThat(got.get(0).value()).isEqualTo("hello " + mechanism);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void badCredentialsFailAuthentication(String mechanism) {
        for (String[] creds : new String[][] {{"kafka-alice", "wrong"}, {"no-such-user", "x"}}) {
            Map<String, Object> props = new java.util.HashMap<>(sasl(mechanism, creds[0], creds[1]));
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            try (KafkaProducer<String, String> p = KafkaClients.producer(BROKER.get().kafkaBootstrap(), props)) {
                assertThatThrownBy(() -> p.send(new ProducerRecord<>("sasl-denied", "v")).get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void adminWithBadPasswordSeesTheAuthenticationError() {
        Map<String, Object> props = new java.util.HashMap<>(sasl("PLAIN", "kafka-alice", "nope"));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, BROKER.get().kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Invalid username or password");
        }
    }

    @Test
    void requestsBeforeAuthenticationCloseTheConnectionUnanswered() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            ApiVersionsResponse versions = (ApiVersionsResponse) c.send(new ApiVersionsRequest.Builder(), (short) 3);
            assertThat(versions.data().errorCode()).isZero();
            assertThat(versions.data().apiKeys().find(ApiKeys.SASL_HANDSHAKE.id)).isNotNull();
            assertThatThrownBy(() -> c.send(new MetadataRequest.Builder(new MetadataRequestData()), (short) 12)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(SocketTimeoutException.class);
        }
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            assertThatThrownBy(() -> c.send(new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData().setAuthBytes(new byte[0])), (short) 2))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void otherRequestsDuringTheExchangeGetIllegalSaslState() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            SaslHandshakeResponse hs = (SaslHandshakeResponse) c.send(new SaslHandshakeRequest.Builder(
                    new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
            assertThat(hs.error()).isEqualTo(Errors.NONE);
            assertThat(hs.data().mechanisms()).containsExactly("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
            var md = c.send(new MetadataRequest.Builder(List.of("some-topic"), false), (short) 12);
            assertThat(md.errorCounts()).containsKey(Errors.ILLEGAL_SASL_STATE);
            assertThat(c.closedByBroker()).isTrue();
        }
    }

    @Test
    void unsupportedMechanismIsAnsweredWithTheEnabledOnesThenClosed() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            SaslHandshakeResponse hs = (SaslHandshakeResponse) c.send(new SaslHandshakeRequest.Builder(
                    new SaslHandshakeRequestData().setMechanism("GSSAPI")), (short) 1);
            assertThat(hs.error()).isEqualTo(Errors.UNSUPPORTED_SASL_MECHANISM);
            assertThat(hs.data().mechanisms()).contains("PLAIN");
            assertThat(c.closedByBroker()).isTrue();
        }
    }

    @Test
    void plainTokenOnTheWireAuthenticatesAndThenSaslIsIllegal() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            c.send(new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
            SaslAuthenticateResponse ok = (SaslAuthenticateResponse) c.send(new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData()
                    .setAuthBytes("\0kafka-alice\0alice-pw".getBytes(StandardCharsets.UTF_8))), (short) 2);
            assertThat(ok.error()).isEqualTo(Errors.NONE);
            var md = c.send(new MetadataRequest.Builder(new MetadataRequestData()), (short) 12);
            assertThat(md.errorCounts()).doesNotContainKey(Errors.ILLEGAL_SASL_STATE);
            SaslHandshakeResponse again = (SaslHandshakeResponse) c.send(new SaslHandshakeRequest.Builder(
                    new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
            assertThat(again.error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
        }
    }

    @Test
    void saslOnAPlaintextListenerIsIllegalSaslState() throws Exception {
        try (TributaryBroker plain = TributaryBroker.start(); RawKafkaClient c = new RawKafkaClient(plain.kafkaPort())) {
            SaslHandshakeResponse hs = (SaslHandshakeResponse) c.send(new SaslHandshakeRequest.Builder(
                    new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
            assertThat(hs.error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
            SaslAuthenticateResponse auth = (SaslAuthenticateResponse) c.send(new SaslAuthenticateRequest.Builder(
                    new SaslAuthenticateRequestData().setAuthBytes(new byte[0])), (short) 2);
            assertThat(auth.error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
        }
    }
}
