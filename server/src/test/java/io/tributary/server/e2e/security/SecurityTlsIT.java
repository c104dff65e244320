package io.tributary.server.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.tributary.config.SecuritySettings;
import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.TestCertificates;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS on all three listeners with throwaway certificates: kafka-clients over SSL (a large fetch goes
 * through chunked reads, and a client certificate's CN is the ACL principal), amqp-client 0-9-1 and
 * Qpid JMS 1.0 over TLS, and HTTPS.
 */
class SecurityTlsIT {
    private static final Path DIR;
    private static final TestCertificates CERTS;

    static {
        try {
            DIR = Files.createTempDirectory("tributary-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CERTS = TestCertificates.create(DIR);
        CERTS.issue("alice", "tls-alice");
        CERTS.issue("admin", "tls-admin");
    }

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b
            .set(SecuritySettings.KAFKA_SECURITY_PROTOCOL, "SSL")
            .set(SecuritySettings.KAFKA_SSL_CERT, CERTS.file("server.pem").toString())
            .set(SecuritySettings.KAFKA_SSL_KEY, CERTS.file("server-key.pem").toString())
            .set(SecuritySettings.KAFKA_SSL_CA, CERTS.file("ca.pem").toString())
            .set(SecuritySettings.KAFKA_SSL_CLIENT_AUTH, "requested")
            .set(SecuritySettings.KAFKA_AUTHORIZER_ENABLED, true)
            .set(SecuritySettings.KAFKA_ALLOW_IF_NO_ACL, true)
            .set(SecuritySettings.KAFKA_SUPER_USERS, List.of("User:tls-admin"))
            .set(SecuritySettings.AMQP_SSL_ENABLED, true)
            .set(SecuritySettings.AMQP_SSL_CERT, CERTS.file("server.pem").toString())
            .set(SecuritySettings.AMQP_SSL_KEY, CERTS.file("server-key.pem").toString())
            .set(SecuritySettings.AMQP_SSL_CA, CERTS.file("ca.pem").toString())
            .set(SecuritySettings.AMQP_SSL_CLIENT_AUTH, "requested")
            .set(SecuritySettings.HTTP_SSL_ENABLED, true)
            .set(SecuritySettings.HTTP_SSL_CERT, CERTS.file("server.pem").toString())
            .set(SecuritySettings.HTTP_SSL_KEY, CERTS.file("server-key.pem").toString()));

    static Map<String, Object> ssl(String client) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + BROKER.get().kafkaPort());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        p.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, CERTS.pem("ca.pem"));
        if (client != null) {
            p.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
            p.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, CERTS.pem(client + ".pem"));
            p.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, CERTS.pem(client + "-key.pem"));
        }
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return p;
    }

    @Test
    void kafkaOverTlsServesALargeFetchIntact() throws Exception {
        String topic = "tls-large";
        Random random = new Random(42);
        List<byte[]> sent = new ArrayList<>();
        Map<String, Object> pp = ssl(null);
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        pp.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(pp)) {
            for (int i = 0; i < 24; i++) {
                byte[] v = new byte[500_000];
                random.nextBytes(v);
                sent.add(v);
                p.send(new ProducerRecord<>(topic, v));
            }
            p.flush();
        }
        Map<String, Object> cp = ssl(null);
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        cp.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cp)) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            List<byte[]> got = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    got.add(r.value());
                }
                return got.size() >= sent.size();
            });
            assertThat(got).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(MessageDigest.isEqual(got.get(i), sent.get(i))).as("record %d", i).isTrue();
            }
        }
    }

    @Test
    void kafkaSaslSslAuthenticatesWithScramOverTls() throws Exception {
        try (io.tributary.server.testing.TributaryBroker b = io.tributary.server.testing.TributaryBroker.start(c -> c
                .set(SecuritySettings.KAFKA_SECURITY_PROTOCOL, "SASL_SSL")
                .set(SecuritySettings.KAFKA_SSL_CERT, CERTS.file("server.pem").toString())
                .set(SecuritySettings.KAFKA_SSL_KEY, CERTS.file("server-key.pem").toString()))) {
            b.broker().userStore().putUser("sasl-ssl", "pw", java.util.Set.of()).join();
            Map<String, Object> p = ssl(null);
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + b.kafkaPort());
            p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
            p.put(org.apache.kafka.common.config.SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
            p.put(org.apache.kafka.common.config.SaslConfigs.SASL_JAAS_CONFIG,
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sasl-ssl\" password=\"pw\";");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                assertThat(producer.send(new ProducerRecord<>("sasl-ssl-t", new byte[] {7})).get(30, TimeUnit.SECONDS).offset()).isZero();
            }
        }
    }

    @Test
    void aClientCertificatesCommonNameIsTheKafkaPrincipal() throws Exception {
        try (Admin admin = Admin.create(ssl("admin"))) {
            admin.createTopics(List.of(new NewTopic("tls-alice-only", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "tls-alice-only", PatternType.LITERAL),
                    new AccessControlEntry("User:tls-alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> alice = ssl("alice");
        alice.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        alice.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(alice)) {
            p.send(new ProducerRecord<>("tls-alice-only", new byte[] {1})).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> anonymous = ssl(null);
        anonymous.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        anonymous.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(anonymous)) {
            assertThatThrownBy(() -> p.send(new ProducerRecord<>("tls-alice-only", new byte[] {1})).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void amqp091OverTls() throws Exception {
        ConnectionFactory f = SecurityAmqp091IT.factory(BROKER.get(), "guest", "guest");
        f.useSslProtocol(CERTS.clientContext(null));
        f.enableHostnameVerification();
        f.setHost("localhost");
        try (com.rabbitmq.client.Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare("tls-q", false, false, false, null);
            ch.basicPublish("", "tls-q", null, "secret".getBytes());
            GetResponse r = null;
            for (int i = 0; i < 100 && r == null; i++) {
                r = ch.basicGet("tls-q", true);
            }
            assertThat(r).isNotNull();
            assertThat(new String(r.getBody())).isEqualTo("secret");
        }
        ConnectionFactory plain = SecurityAmqp091IT.factory(BROKER.get(), "guest", "guest");
        plain.setConnectionTimeout(5_000);
        plain.setHandshakeTimeout(5_000);
        assertThatThrownBy(plain::newConnection).as("plain TCP to the TLS port").isInstanceOf(Exception.class);
    }

    @Test
    void amqpExternalLogsInAsTheCertificatesCommonName() throws Exception {
        io.tributary.server.security.UserStore users = BROKER.get().broker().userStore();
        users.putUser("tls-alice", null, java.util.Set.of()).join();
        users.setPermissions("tls-alice", "/", io.tributary.config.security.VhostPermissions.ALL).join();
        ConnectionFactory f = SecurityAmqp091IT.factory(BROKER.get(), "ignored", "ignored");
        f.setHost("localhost");
        f.useSslProtocol(CERTS.clientContext("alice"));
        f.setSaslConfig(com.rabbitmq.client.DefaultSaslConfig.EXTERNAL);
        try (com.rabbitmq.client.Connection c = f.newConnection()) {
            assertThat(BROKER.get().broker().amqp().context().connections()).anyMatch(i -> "tls-alice".equals(i.user()));
        }
        ConnectionFactory noCert = SecurityAmqp091IT.factory(BROKER.get(), "ignored", "ignored");
        noCert.setHost("localhost");
        noCert.useSslProtocol(CERTS.clientContext(null));
        noCert.setSaslConfig(com.rabbitmq.client.DefaultSaslConfig.EXTERNAL);
        assertThatThrownBy(noCert::newConnection).as("EXTERNAL is offered only with a client certificate").isInstanceOf(IOException.class);
        String uri = "amqps://localhost:" + BROKER.get().amqpPort() + "?amqp.saslMechanisms=EXTERNAL&transport.keyStoreLocation="
                + CERTS.file("alice.p12") + "&transport.keyStorePassword=changeit&transport.keyStoreType=PKCS12&transport.trustStoreLocation="
                + CERTS.file("truststore.p12") + "&transport.trustStorePassword=changeit&transport.trustStoreType=PKCS12";
        try (Connection c = new JmsConnectionFactory(uri).createConnection()) {
            c.start();
            assertThat(BROKER.get().broker().amqp().context().connections())
                    .anyMatch(i -> "tls-alice".equals(i.user()) && "AMQP 1.0".equals(i.protocol()));
        }
    }

    @Test
    void amqp10OverTlsWithQpidJms() throws Exception {
        String uri = "amqps://localhost:" + BROKER.get().amqpPort() + "?transport.trustStoreLocation=" + CERTS.file("truststore.p12")
                + "&transport.trustStorePassword=changeit&transport.trustStoreType=PKCS12";
        try (Connection c = new JmsConnectionFactory(uri).createConnection("guest", "guest")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("tls-jms")).send(s.createTextMessage("over tls"));
            assertThat(((TextMessage) s.createConsumer(s.createQueue("tls-jms")).receive(10_000)).getText()).isEqualTo("over tls");
        }
    }

    @Test
    void httpsServesTheOperationsEndpoints() throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) URI.create("https://localhost:" + BROKER.get().httpPort() + "/healthz").toURL()
                .openConnection();
        c.setSSLSocketFactory(CERTS.clientContext(null).getSocketFactory());
        try {
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(new String(c.getInputStream().readAllBytes())).contains("\"ok\"");
        } finally {
            c.disconnect();
        }
    }
}
