package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.SecuritySettings;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** KIP-368 re-authentication: kafka-clients re-authenticate within the session lifetime; a connection that does not is closed. */
class SecurityKafkaReauthIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(SecuritySettings.KAFKA_SECURITY_PROTOCOL, "SASL_PLAINTEXT")
            .set(SecuritySettings.KAFKA_REAUTH_MS, 1_500L));

    @Test
    void producersKeepProducingAcrossReauthentications() throws Exception {
        BROKER.get().broker().userStore().putUser("reauth", "pw", Set.of()).join();
        try (KafkaProducer<String, String> p = KafkaClients.producer(BROKER.get().kafkaBootstrap(),
                SecurityKafkaSaslIT.sasl("SCRAM-SHA-256", "reauth", "pw"))) {
            long until = System.nanoTime() + Duration.ofMillis(3_500).toNanos();
            int[] sent = {0};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                p.send(new ProducerRecord<>("reauth-t", "m" + sent[0]++)).get(10, TimeUnit.SECONDS);
                return System.nanoTime() > until;
            });
            assertThat(sent[0]).isGreaterThan(4);
            double reauthentications = p.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("successful-reauthentication-total"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
            assertThat(reauthentications).as("the client re-authenticated on its open connections").isPositive();
        }
    }

    @Test
    void aConnectionThatLetsItsSessionExpireIsClosed() throws Exception {
        BROKER.get().broker().userStore().putUser("lazy", "pw", Set.of()).join();
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            c.send(new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
            SaslAuthenticateResponse r = (SaslAuthenticateResponse) c.send(new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData()
                    .setAuthBytes("\0lazy\0pw".getBytes(StandardCharsets.UTF_8))), (short) 2);
            assertThat(r.error()).isEqualTo(Errors.NONE);
            assertThat(r.data().sessionLifetimeMs()).isEqualTo(1_500L);
            c.send(new MetadataRequest.Builder(List.of(), false), (short) 12);
            long authenticatedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - authenticatedAt > Duration.ofMillis(1_600).toNanos());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.send(new MetadataRequest.Builder(List.of(), false), (short) 12))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
