package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.ClusterSettings;
import io.tributary.config.SecuritySettings;
import io.tributary.server.testing.TestCertificates;
import io.tributary.server.testing.TributaryBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three in-process nodes whose Kafka listeners speak SASL_SSL (SCRAM over TLS) with the authorizer
 * on and no ACLs: the nodes' own clients — replica fetchers, the transaction marker sender, the
 * AMQP stream forwarder, the links to classic queues on other nodes — log in as
 * {@code cluster.internal.user} over TLS, so partitions replicate (full ISR, {@code acks=all}
 * answered), a transaction spanning partitions led by different nodes commits everywhere, a stream
 * publish through a follower reaches the leader, and a classic queue is reached through another node.
 */
class SecureClusterIT {
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @TempDir
    static Path certsDir;
    private static TestCertificates certs;
    private final List<TributaryBroker> nodes = new ArrayList<>();

    @BeforeEach
    void startCluster() {
        if (certs == null) {
            certs = TestCertificates.create(certsDir);
        }
        nodes.addAll(InProcessCluster.start(3, InProcessCluster.peers(3), (b, id) -> b
                    .set(ClusterSettings.INTERNAL_PASSWORD, "internal-secret")
                    .set(SecuritySettings.KAFKA_SECURITY_PROTOCOL, "SASL_SSL")
                    .set(SecuritySettings.KAFKA_SSL_CERT, certs.file("server.pem").toString())
                    .set(SecuritySettings.KAFKA_SSL_KEY, certs.file("server-key.pem").toString())
                    .set(SecuritySettings.KAFKA_SSL_CA, certs.file("ca.pem").toString())
                    .set(SecuritySettings.AMQP_SSL_ENABLED, true)
                    .set(SecuritySettings.AMQP_SSL_CERT, certs.file("server.pem").toString())
                    .set(SecuritySettings.AMQP_SSL_KEY, certs.file("server-key.pem").toString())
                    .set(SecuritySettings.AMQP_SSL_CA, certs.file("ca.pem").toString())
                    .set(SecuritySettings.KAFKA_AUTHORIZER_ENABLED, true)
                    .set(SecuritySettings.KAFKA_SUPER_USERS, List.of("User:admin"))));
        nodes.get(0).broker().userStore().putUser("admin", "admin-pw", Set.of()).join();
    }

    @AfterEach
    void stopCluster() {
        nodes.forEach(TributaryBroker::close);
    }

    @Test
    void partitionsReplicateAndTransactionsCommitWhenTheNodesMustLogInOverTls() throws Exception {
        try (Admin admin = Admin.create(client(0))) {
            admin.createTopics(List.of(new NewTopic("secured", 3, (short) 3).configs(Map.of("min.insync.replicas", "2")))).all().get();
            await().atMost(AWAIT).ignoreExceptions().untilAsserted(() -> {
                TopicDescription t = admin.describeTopics(List.of("secured")).allTopicNames().get().get("secured");
                for (TopicPartitionInfo p : t.partitions()) {
                    assertThat(p.isr()).as("ISR of partition %d", p.partition()).hasSize(3);
                }
            });
        }
        Map<String, Object> tx = client(1);
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "secured-tx");
        tx.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        tx.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(tx)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int p = 0; p < 3; p++) {
                producer.send(new ProducerRecord<>("secured", p, null, "committed-" + p));
            }
            producer.commitTransaction();
        }
        Map<String, Object> c = client(2);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(IntStream.range(0, 3).mapToObj(p -> new TopicPartition("secured", p)).toList());
            await().atMost(AWAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                return read.size() >= 3;
            });
        }
        assertThat(read).containsExactlyInAnyOrder("committed-0", "committed-1", "committed-2");
        // every replica has what the ISR acknowledged: the followers fetched over SASL_SSL
        await().atMost(AWAIT).untilAsserted(() -> {
            for (TributaryBroker n : nodes) {
                for (int p = 0; p < 3; p++) {
                    assertThat(n.broker().logManager().getLog("secured", p).highWatermark()).isEqualTo(2); // the record and its marker
                }
            }
        });
    }

    @Test
    void aStreamPublishThroughAFollowerReachesItsLeaderOverTls() throws Exception {
        int leader;
        try (Admin admin = Admin.create(client(0))) {
            admin.createTopics(List.of(new NewTopic("secured-stream", 1, (short) 3))).all().get();
            leader = await().atMost(AWAIT).ignoreExceptions().until(() -> {
                TopicPartitionInfo p = admin.describeTopics(List.of("secured-stream")).allTopicNames().get().get("secured-stream")
                        .partitions().get(0);
                return p.isr().size() == 3 ? p.leader().id() : -1;
            }, l -> l >= 0);
        }
        try (com.rabbitmq.client.Connection conn = amqps((leader + 1) % 3)) {
            com.rabbitmq.client.Channel ch = conn.createChannel();
            ch.queueDeclare("secured-stream", true, false, false, Map.of("x-queue-type", "stream"));
            ch.confirmSelect();
            ch.basicPublish("", "secured-stream", null, "forwarded".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(30_000);
        }
        assertThat(nodes.get(leader).broker().logManager().getLog("secured-stream", 0).logEndOffset()).isEqualTo(1);
    }

    @Test
    void aClassicQueueOnOneNodeIsReachedThroughAnotherOverTls() throws Exception {
        try (com.rabbitmq.client.Connection home = amqps(0)) {
            home.createChannel().queueDeclare("secured-classic", true, false, false, Map.of());
        }
        await().atMost(AWAIT).until(() -> nodes.get(1).broker().routingCore().vhosts().get("/").destination("secured-classic") != null);
        try (com.rabbitmq.client.Connection other = amqps(1)) {
            com.rabbitmq.client.Channel ch = other.createChannel();
            ch.confirmSelect();
            ch.basicPublish("", "secured-classic", null, "over-tls".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(30_000);
            com.rabbitmq.client.GetResponse r = ch.basicGet("secured-classic", true);
            assertThat(new String(r.getBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("over-tls");
        }
    }

    /** An AMQP 0-9-1 connection over TLS (the listeners are TLS only here), as guest. */
    private com.rabbitmq.client.Connection amqps(int node) throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUri(nodes.get(node).amqpUri());
        f.useSslProtocol(certs.clientContext(null));
        return f.newConnection();
    }

    /** A kafka-clients configuration for {@code admin} over SASL_SSL (SCRAM-SHA-512), bootstrapped through node {@code node}. */
    private Map<String, Object> client(int node) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + nodes.get(node).kafkaPort());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        p.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, certs.pem("ca.pem"));
        p.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"admin-pw\";");
        return p;
    }
}
