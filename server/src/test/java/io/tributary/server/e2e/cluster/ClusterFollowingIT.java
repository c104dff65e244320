package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.config.ClusterSettings;
import io.tributary.config.NodeSettings;
import io.tributary.server.testing.PackagedBroker;
import io.tributary.server.testing.TributaryBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three whole brokers in this JVM sharing one Raft metadata group ({@code cluster.peers}), started
 * together: the internal topics and the default user are the same on every node, and topics and
 * users made through one node's Kafka or HTTP API are live on the others. A topic of replication
 * factor 1 has its data on its one replica (replication itself: {@code ReplicationIT}).
 */
class ClusterFollowingIT {
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final List<TributaryBroker> NODES = new ArrayList<>();

    @BeforeAll
    static void startTogether() {
        String peers = IntStream.range(0, 3).mapToObj(i -> i + "@127.0.0.1:" + PackagedBroker.freePort()).collect(Collectors.joining(","));
        List<CompletableFuture<TributaryBroker>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int id = i;
            starting.add(CompletableFuture.supplyAsync(() -> TributaryBroker.start(b -> b.set(NodeSettings.NODE_ID, id)
                    .set(ClusterSettings.PEERS, List.of(peers.split(","))).set(ClusterSettings.ELECTION_TIMEOUT_MS, 500))));
        }
        starting.forEach(f -> NODES.add(f.join()));
    }

    @AfterAll
    static void stopAll() {
        NODES.forEach(TributaryBroker::close);
    }

    @Test
    void internalTopicsClusterIdAndDefaultUserAreTheSameOnEveryNodeAfterAStartTogether() throws Exception {
        for (String internal : List.of("__consumer_offsets", "__transaction_state")) {
            List<Uuid> ids = new ArrayList<>();
            for (TributaryBroker n : NODES) {
                try (Admin admin = admin(n)) {
                    ids.add(await().atMost(AWAIT).until(() -> describe(admin, internal), d -> d != null).topicId());
                }
            }
            assertThat(ids).as(internal).hasSize(3).containsOnly(ids.get(0));
            String stored = NODES.get(0).broker().metadataStore().get("topic", internal);
            for (TributaryBroker n : NODES) {
                assertThat(n.broker().metadataStore().get("topic", internal)).isEqualTo(stored);
            }
        }
        List<String> clusterIds = new ArrayList<>();
        for (TributaryBroker n : NODES) {
            try (Admin admin = admin(n)) {
                clusterIds.add(admin.describeCluster().clusterId().get());
            }
        }
        assertThat(clusterIds).containsOnly(clusterIds.get(0));
        String guest = NODES.get(0).broker().metadataStore().get("security.user", "guest");
        for (TributaryBroker n : NODES) {
            assertThat(n.broker().metadataStore().get("security.user", "guest")).isEqualTo(guest);
            assertThat(n.broker().userStore().user("guest")).isPresent();
        }
    }

    @Test
    void aTopicCreatedThroughOneNodeIsListedEverywhereWithItsIdAndEachNodeServesItsOwnCopy() throws Exception {
        Uuid id;
        try (Admin admin = admin(NODES.get(0))) {
            admin.createTopics(List.of(new NewTopic("followed", 2, (short) 1))).all().get();
            id = describe(admin, "followed").topicId();
        }
        for (TributaryBroker n : NODES.subList(1, 3)) {
            try (Admin admin = admin(n)) {
                await().atMost(AWAIT).untilAsserted(() -> {
                    TopicDescription d = describe(admin, "followed");
                    assertThat(d).isNotNull();
                    assertThat(d.topicId()).isEqualTo(id);
                    assertThat(d.partitions()).hasSize(2);
                });
            }
        }
        TributaryBroker node1 = NODES.get(1);
        try (KafkaProducer<String, String> producer = node1.stringProducer()) {
            producer.send(new ProducerRecord<>("followed", 1, "k", "written through node 1")).get();
        }
        assertThat(readAll(node1, new TopicPartition("followed", 1))).containsExactly("written through node 1");
        // Replication factor 1: the record is on the partition's one replica (its leader, wherever the client was sent), nowhere else.
        int leader;
        try (Admin admin = admin(node1)) {
            leader = describe(admin, "followed").partitions().get(1).leader().id();
        }
        for (int n = 0; n < NODES.size(); n++) {
            assertThat(NODES.get(n).broker().logManager().getLog("followed", 1).logEndOffset()).as("node %d", n).isEqualTo(n == leader ? 1 : 0);
        }

        try (Admin admin = admin(NODES.get(2))) {
            admin.createPartitions(Map.of("followed", NewPartitions.increaseTo(3))).all().get();
        }
        try (Admin admin = admin(NODES.get(0))) {
            await().atMost(AWAIT).untilAsserted(() -> assertThat(describe(admin, "followed").partitions()).hasSize(3));
            admin.deleteTopics(List.of("followed")).all().get();
        }
        for (TributaryBroker n : NODES) {
            try (Admin admin = admin(n)) {
                await().atMost(AWAIT).untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain("followed"));
            }
        }
    }

    @Test
    void producersAutoCreatingOneTopicThroughTwoNodesAtOnceBothSucceedWithOneTopicId() throws Exception {
        List<KafkaProducer<String, String>> producers = List.of(NODES.get(0).stringProducer(), NODES.get(1).stringProducer());
        try {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (KafkaProducer<String, String> p : producers) {
                sent.add(p.send(new ProducerRecord<>("auto-raced", "k", "v")));
            }
            for (java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> f : sent) {
                assertThat(f.get().topic()).isEqualTo("auto-raced");
            }
        } finally {
            producers.forEach(KafkaProducer::close);
        }
        List<Uuid> ids = new ArrayList<>();
        for (TributaryBroker n : NODES) {
            try (Admin admin = admin(n)) {
                ids.add(await().atMost(AWAIT).until(() -> describe(admin, "auto-raced"), d -> d != null).topicId());
            }
        }
        assertThat(ids).containsOnly(ids.get(0));
    }

    @Test
    void aUserAddedThroughOneNodesHttpApiLogsInOverAmqpOnAnother() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(put(http, NODES.get(0), "/api/users/carol", "{\"password\":\"c4rol\",\"tags\":\"\"}")).isEqualTo(201);
        assertThat(put(http, NODES.get(0), "/api/permissions/%2F/carol", "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"))
                .isIn(201, 204);
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(NODES.get(2).amqpPort());
        f.setUsername("carol");
        f.setPassword("c4rol");
        await().atMost(AWAIT).ignoreExceptions().untilAsserted(() -> {
            try (Connection c = f.newConnection()) {
                assertThat(c.createChannel().queueDeclare().getQueue()).isNotEmpty();
            }
        });
    }

    private static int put(HttpClient http, TributaryBroker node, String path, String json) throws Exception {
        String auth = Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpBase() + path)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private static List<String> readAll(TributaryBroker node, TopicPartition tp) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafkaBootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            await().atMost(AWAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return !values.isEmpty();
            });
        }
        return values;
    }

    private static Admin admin(TributaryBroker node) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafkaBootstrap());
        return Admin.create(p);
    }
}
