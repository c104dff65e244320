package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.ClusterSettings;
import io.tributary.config.NodeSettings;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.server.testing.PackagedBroker;
import io.tributary.server.testing.TributaryBroker;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka-style replication across three whole brokers in this JVM on one Raft metadata group, with
 * real kafka-clients: a topic of replication factor 3 is copied byte for byte to every replica;
 * when its leader stops, a replica from the ISR takes over and nothing an {@code acks=all}
 * idempotent producer was told is lost or duplicated; a follower that stops leaves the ISR after
 * {@code replica.lag.time.max.ms}, {@code min.insync.replicas} then refuses {@code acks=all}, and the
 * follower rejoins once it has caught up; a consumer group's coordinator moves with the leadership
 * of its {@code __consumer_offsets} partition, and its committed offsets survive the move.
 *
 * <p>Stopped nodes hand their partitions over first (controlled shutdown), so the session timeout
 * is long here: two shared cores under load must not make a live node look dead. Failover by the
 * controller after a kill is tested with processes and in {@code PartitionControllerTest}.
 */
class ReplicationIT {
    private static final Duration AWAIT = Duration.ofSeconds(60);
    private final List<TributaryBroker> nodes = new ArrayList<>();

    private String peers;

    @BeforeEach
    void startCluster() {
        peers = InProcessCluster.peers(3);
        nodes.addAll(InProcessCluster.start(3, peers, (b, id) -> timeouts(b)));
    }

    private static io.tributary.config.BrokerConfig.Builder timeouts(io.tributary.config.BrokerConfig.Builder b) {
        return b.set(ClusterSettings.BROKER_SESSION_TIMEOUT_MS, 10_000L).set(ClusterSettings.REPLICA_LAG_TIME_MAX_MS, 5_000L);
    }

    @AfterEach
    void stopCluster() {
        InProcessCluster.closeAll(nodes);
    }

    @Test
    void everyReplicaHoldsTheLeadersBatchesByteForByte() throws Exception {
        createTopic(nodes.get(1), "copied", 2, Map.of());
        try (KafkaProducer<String, String> producer = producer(nodes.get(2))) {
            for (int i = 0; i < 2_000; i++) {
                producer.send(new ProducerRecord<>("copied", i % 2, "k" + i, "v" + i));
            }
            producer.flush();
        }
        for (int p = 0; p < 2; p++) {
            int partition = p;
            await().atMost(AWAIT).untilAsserted(() -> {
                for (TributaryBroker n : nodes) {
                    PartitionLog log = n.broker().logManager().getLog("copied", partition);
                    assertThat(log.logEndOffset()).as("node %d", n.broker().config().get(NodeSettings.NODE_ID)).isEqualTo(1_000);
                    assertThat(log.highWatermark()).isEqualTo(1_000);
                }
            });
            byte[] leaderBytes = bytes(nodes.get(0).broker().logManager().getLog("copied", partition));
            for (TributaryBroker n : nodes) {
                assertThat(bytes(n.broker().logManager().getLog("copied", partition))).isEqualTo(leaderBytes);
            }
        }
        try (Admin admin = admin(nodes.get(0))) {
            TopicDescription d = admin.describeTopics(List.of("copied")).allTopicNames().get().get("copied");
            for (TopicPartitionInfo info : d.partitions()) {
                assertThat(info.replicas()).hasSize(3);
                assertThat(info.isr()).hasSize(3);
            }
        }
        assertThat(consume(nodes.get(0), "copied", 2, 2_000)).hasSize(2_000);
    }

    @Test
    void whenTheLeaderStopsAnIsrMemberLeadsAndNoAcknowledgedRecordIsLostOrDuplicated() throws Exception {
        createTopic(nodes.get(0), "failover", 1, Map.of("min.insync.replicas", "2"));
        int leader = leaderOf(nodes.get(0), "failover");
        TributaryBroker survivor = nodes.get((leader + 1) % 3);
        List<String> acked = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(survivor)) {
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>("failover", 0, null, "before-" + i)).get();
                acked.add("before-" + i);
            }
            long stoppedAt = System.nanoTime();
            nodes.get(leader).stop();
            await().atMost(AWAIT).until(() -> leaderOf(survivor, "failover"), l -> l >= 0 && l != leader);
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>("failover", 0, null, "after-" + i)).get();
                acked.add("after-" + i);
            }
            System.out.printf("failover: first acknowledged write %.1f s after the leader stopped%n", (System.nanoTime() - stoppedAt) / 1e9);
        }
        List<String> read = consume(survivor, "failover", 1, acked.size());
        assertThat(read).containsExactlyElementsOf(acked);

        // the old leader returns as a follower, truncates what it must and catches up
        nodes.get(leader).startAgain();
        await().atMost(AWAIT).untilAsserted(() ->
                assertThat(nodes.get(leader).broker().logManager().getLog("failover", 0).logEndOffset()).isEqualTo(acked.size()));
        try (Admin admin = admin(survivor)) {
            await().atMost(AWAIT).untilAsserted(() -> assertThat(admin.describeTopics(List.of("failover")).allTopicNames().get()
                    .get("failover").partitions().get(0).isr()).hasSize(3));
        }
    }

    @Test
    void aStoppedFollowerLeavesTheIsrAndMinInsyncReplicasRefusesAcksAllUntilItReturns() throws Exception {
        createTopic(nodes.get(0), "strict", 1, Map.of("min.insync.replicas", "3"));
        int leader = leaderOf(nodes.get(0), "strict");
        int follower = (leader + 1) % 3;
        TributaryBroker bootstrap = nodes.get(leader);
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>("strict", 0, null, "while-all-in-sync")).get();
        }
        nodes.get(follower).stop();
        try (Admin admin = admin(bootstrap)) {
            await().atMost(AWAIT).untilAsserted(() -> assertThat(admin.describeTopics(List.of("strict")).allTopicNames().get()
                    .get("strict").partitions().get(0).isr()).hasSize(2));
        }
        Properties failFast = new Properties();
        failFast.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000);
        failFast.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (KafkaProducer<String, String> producer = producer(bootstrap, failFast)) {
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("strict", 0, null, "refused")).get());
            assertThat(refused.getCause()).isInstanceOfAny(NotEnoughReplicasException.class,
                    org.apache.kafka.common.errors.TimeoutException.class);
        }
        nodes.get(follower).startAgain();
        try (Admin admin = admin(bootstrap)) {
            await().atMost(AWAIT).untilAsserted(() -> assertThat(admin.describeTopics(List.of("strict")).allTopicNames().get()
                    .get("strict").partitions().get(0).isr()).hasSize(3));
        }
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>("strict", 0, null, "accepted-again")).get();
        }
        assertThat(consume(bootstrap, "strict", 1, 2)).containsExactly("while-all-in-sync", "accepted-again");
    }

    @Test
    void aGroupsCoordinatorMovesWithItsOffsetsPartitionAndItsCommittedOffsetsSurvive() throws Exception {
        createTopic(nodes.get(0), "grouped", 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(nodes.get(0))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("grouped", 0, null, "first-" + i));
            }
        }
        assertThat(consumeInGroup(allNodes(), "grouped", "g1", 100)).hasSize(100);
        int coordinator;
        try (Admin admin = admin(nodes.get(0))) {
            coordinator = admin.describeConsumerGroups(List.of("g1")).all().get().get("g1").coordinator().id();
        }
        nodes.get(coordinator).stop();
        String survivors = nodes.stream().filter(n -> nodes.indexOf(n) != coordinator).map(TributaryBroker::kafkaBootstrap)
                .collect(Collectors.joining(","));
        TributaryBroker survivor = nodes.get((coordinator + 1) % 3);
        try (KafkaProducer<String, String> producer = producer(survivor)) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("grouped", 0, null, "second-" + i)).get();
            }
        }
        // the group's commits were on the ISR of its __consumer_offsets partition: the new coordinator has them
        List<String> resumed = consumeInGroup(survivors, "grouped", "g1", 100);
        assertThat(resumed).hasSize(100).allMatch(v -> v.startsWith("second-"));
        try (Admin admin = admin(survivor)) {
            assertThat(admin.describeConsumerGroups(List.of("g1")).all().get().get("g1").coordinator().id()).isNotEqualTo(coordinator);
        }
    }

    @Test
    void aReassignmentMovesAPartitionWithItsDataAndPreferredElectionBringsLeadershipBack() throws Exception {
        TopicPartition tp = new TopicPartition("moved", 0);
        try (Admin admin = admin(nodes.get(0))) {
            admin.createTopics(List.of(new NewTopic("moved", Map.of(0, List.of(0, 1))))).all().get();
            await().atMost(AWAIT).untilAsserted(() -> assertThat(partition(admin, "moved").isr()).hasSize(2));
        }
        try (KafkaProducer<String, String> producer = producer(nodes.get(0))) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("moved", 0, null, "m" + i)).get();
            }
        }
        try (Admin admin = admin(nodes.get(0))) {
            admin.alterPartitionReassignments(Map.of(tp, java.util.Optional.of(
                    new org.apache.kafka.clients.admin.NewPartitionReassignment(List.of(1, 2))))).all().get();
            await().atMost(AWAIT).untilAsserted(() -> {
                TopicPartitionInfo p = partition(admin, "moved");
                assertThat(p.replicas()).extracting(org.apache.kafka.common.Node::id).containsExactly(1, 2);
                assertThat(p.isr()).extracting(org.apache.kafka.common.Node::id).containsExactlyInAnyOrder(1, 2);
                assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
            });
        }
        assertThat(nodes.get(2).broker().logManager().getLog("moved", 0).logEndOffset()).isEqualTo(50);
        assertThat(consume(nodes.get(2), "moved", 1, 50)).hasSize(50);
        // node 0, no longer a replica, deletes its copy (as a Kafka broker deletes a reassigned-away replica)
        await().atMost(AWAIT).untilAsserted(() -> {
            PartitionLog left = nodes.get(0).broker().logManager().getLog("moved", 0);
            assertThat(left.sizeInBytes()).isZero();
            assertThat(left.logEndOffset()).isZero();
        });

        // node 1 (the preferred replica) stops and returns: node 2 leads meanwhile, the election hands it back
        nodes.get(1).stop();
        try (Admin admin = admin(nodes.get(0))) {
            await().atMost(AWAIT).untilAsserted(() -> assertThat(partition(admin, "moved").leader().id()).isEqualTo(2));
        }
        nodes.get(1).startAgain();
        try (Admin admin = admin(nodes.get(0))) {
            await().atMost(AWAIT).untilAsserted(() -> assertThat(partition(admin, "moved").isr()).hasSize(2));
            admin.electLeaders(org.apache.kafka.common.ElectionType.PREFERRED, java.util.Set.of(tp)).all().get();
            await().atMost(AWAIT).untilAsserted(() -> assertThat(partition(admin, "moved").leader().id()).isEqualTo(1));
        }
        assertThat(consume(nodes.get(0), "moved", 1, 50)).hasSize(50);
    }

    @Test
    void aNodeJoinsTheRunningClusterTakesAReassignedPartitionAndLeavesOnceItHoldsNone() throws Exception {
        TopicPartition tp = new TopicPartition("onto-the-new-node", 0);
        createTopic(nodes.get(0), tp.topic(), 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(nodes.get(0))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), 0, null, "r" + i)).get();
            }
        }
        declareQuorumQueue(nodes.get(0), "qq.onto-the-new-node"); // on the three nodes there are
        // node 3: cluster.peers names the three members and itself, cluster.join asks the Raft leader to add it
        String withNew = peers + ",3@127.0.0.1:" + PackagedBroker.freePort();
        nodes.add(TributaryBroker.start(b -> timeouts(InProcessCluster.node(b, 3, withNew)).set(ClusterSettings.JOIN, true)));
        TributaryBroker joined = nodes.get(3);
        try (Admin admin = admin(nodes.get(0))) {
            await().atMost(AWAIT).untilAsserted(() -> assertThat(admin.describeCluster().nodes().get()).hasSize(4));
            admin.alterPartitionReassignments(Map.of(tp, java.util.Optional.of(
                    new org.apache.kafka.clients.admin.NewPartitionReassignment(List.of(3, 1, 2))))).all().get();
            await().atMost(AWAIT).untilAsserted(() -> {
                TopicPartitionInfo p = partition(admin, tp.topic());
                assertThat(p.replicas()).extracting(org.apache.kafka.common.Node::id).containsExactly(3, 1, 2);
                assertThat(p.isr()).extracting(org.apache.kafka.common.Node::id).containsExactlyInAnyOrder(3, 1, 2);
                assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
            });
        }
        assertThat(joined.broker().logManager().getLog(tp.topic(), 0).logEndOffset()).isEqualTo(100);
        try (KafkaProducer<String, String> producer = producer(joined)) {
            producer.send(new ProducerRecord<>(tp.topic(), 0, null, "through-the-new-node")).get();
        }
        List<String> read = consume(joined, tp.topic(), 1, 101);
        assertThat(read).hasSize(101).endsWith("through-the-new-node");
        // quorum queues grow onto it (RabbitMQ's grow) and take confirmed publishes through it
        assertThat(ManagementCalls.call(nodes.get(1), "POST", "/api/queues/quorum/replicas/on/3/grow", "{}").body())
                .contains("\"name\":\"qq.onto-the-new-node\"").contains("\"result\":\"ok\"").contains("\"size\":4");
        publishConfirmed(joined, "qq.onto-the-new-node", 10);

        // and leaves again (kafka-cluster.sh unregister): only once stopped and holding no replica
        try (Admin admin = admin(nodes.get(0))) {
            assertThatUnregisterFails(admin, 1, "is running");
            joined.stop();
            await().atMost(AWAIT).untilAsserted(() -> assertThat(partition(admin, tp.topic()).leader().id()).isNotEqualTo(3));
            assertThatUnregisterFails(admin, 3, "still holds replicas");
            admin.alterPartitionReassignments(Map.of(tp, java.util.Optional.of(
                    new org.apache.kafka.clients.admin.NewPartitionReassignment(List.of(0, 1, 2))))).all().get();
            await().atMost(AWAIT).untilAsserted(() -> {
                assertThat(partition(admin, tp.topic()).isr()).extracting(org.apache.kafka.common.Node::id).containsExactlyInAnyOrder(0, 1, 2);
                assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
            });
            assertThatUnregisterFails(admin, 3, "quorum queues");
            // shrink: the other members commit the change without the stopped node
            assertThat(ManagementCalls.call(nodes.get(2), "DELETE", "/api/queues/quorum/replicas/on/3/shrink", "{}").body())
                    .contains("\"result\":\"ok\"").contains("\"size\":3");
            admin.unregisterBroker(3).all().get();
            await().atMost(AWAIT).untilAsserted(() -> assertThat(admin.describeCluster().nodes().get()).hasSize(3));
        }
        await().atMost(AWAIT).untilAsserted(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(((io.tributary.server.cluster.RaftMetadataStore) nodes.get(i).broker().metadataStore()).memberIds())
                        .containsExactlyInAnyOrder(0, 1, 2);
            }
        });
        createTopic(nodes.get(1), "after-node-3-left", 1, Map.of());
        publishConfirmed(nodes.get(1), "qq.onto-the-new-node", 1);
        try (com.rabbitmq.client.Connection conn = amqp(nodes.get(2))) {
            assertThat(conn.createChannel().queueDeclarePassive("qq.onto-the-new-node").getMessageCount()).isEqualTo(11);
        }
    }

    private static com.rabbitmq.client.Connection amqp(TributaryBroker node) throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUri(node.amqpUri());
        return f.newConnection();
    }

    private static void declareQuorumQueue(TributaryBroker node, String queue) throws Exception {
        try (com.rabbitmq.client.Connection conn = amqp(node)) {
            conn.createChannel().queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        }
    }

    private static void publishConfirmed(TributaryBroker node, String queue, int count) throws Exception {
        try (com.rabbitmq.client.Connection conn = amqp(node)) {
            com.rabbitmq.client.Channel ch = conn.createChannel();
            ch.confirmSelect();
            for (int i = 0; i < count; i++) {
                ch.basicPublish("", queue, new com.rabbitmq.client.AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        ("q" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
        }
    }

    private static void assertThatUnregisterFails(Admin admin, int node, String why) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.unregisterBroker(node).all().get())
                .hasCauseInstanceOf(org.apache.kafka.common.errors.InvalidRequestException.class).hasMessageContaining(why);
    }

    @Test
    void transactionsSpanningPartitionsLedByOtherNodesCommitAndAbortEverywhere() throws Exception {
        createTopic(nodes.get(0), "txn", 3, Map.of());
        Properties tx = new Properties();
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cluster-tx");
        try (KafkaProducer<String, String> producer = producer(nodes.get(0), tx)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int p = 0; p < 3; p++) {
                producer.send(new ProducerRecord<>("txn", p, null, "committed-" + p));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int p = 0; p < 3; p++) {
                producer.send(new ProducerRecord<>("txn", p, null, "aborted-" + p));
            }
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("txn", 1, null, "last"));
            producer.commitTransaction();
        }
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> c = readCommitted(allNodes())) {
            c.assign(IntStream.range(0, 3).mapToObj(i -> new TopicPartition("txn", i)).toList());
            await().atMost(AWAIT).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                return read.size() >= 4;
            });
        }
        // the markers reached every partition's leader, wherever the transaction coordinator was
        assertThat(read).containsExactlyInAnyOrder("committed-0", "committed-1", "committed-2", "last");
    }

    @Test
    void theTransactionCoordinatorMovesWithTransactionStateAndCommitsTheTransactionItsNodeLeftOpen() throws Exception {
        createTopic(nodes.get(0), "txn-move", 3, Map.of());
        int coordinator = leaderOf(nodes.get(0), "__transaction_state");
        try (Admin admin = admin(nodes.get(0))) {
            assertThat(partition(admin, "__transaction_state").replicas()).hasSize(3);
        }
        Properties tx = new Properties();
        tx.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, allNodes());
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "moving-tx");
        try (KafkaProducer<String, String> producer = producer(nodes.get(0), tx)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int p = 0; p < 3; p++) {
                producer.send(new ProducerRecord<>("txn-move", p, null, "open-" + p)).get();
            }
            // the coordinator's node stops with the transaction open; another replica of __transaction_state takes over
            nodes.get(coordinator).stop();
            TributaryBroker survivor = nodes.get((coordinator + 1) % 3);
            await().atMost(AWAIT).until(() -> leaderOf(survivor, "__transaction_state"), l -> l >= 0 && l != coordinator);
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("txn-move", 0, null, "aborted"));
            producer.flush();
            producer.abortTransaction();
        }
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> c = readCommitted(nodes.get((coordinator + 1) % 3).kafkaBootstrap())) {
            c.assign(IntStream.range(0, 3).mapToObj(i -> new TopicPartition("txn-move", i)).toList());
            await().atMost(AWAIT).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                // past the abort marker on partition 0: everything is decided there
                return read.size() >= 3 && c.position(new TopicPartition("txn-move", 0)) >= 3;
            });
        }
        assertThat(read).containsExactlyInAnyOrder("open-0", "open-1", "open-2");
    }

    @Test
    void anAmqpPublishIntoAReplicatedStreamThroughAnyNodeIsAppendedByItsLeaderAndReachesEveryReplica() throws Exception {
        createTopic(nodes.get(0), "amqp-stream", 1, Map.of());
        int leader = leaderOf(nodes.get(0), "amqp-stream");
        int follower = (leader + 1) % 3;
        publishToStream(nodes.get(leader), "amqp-stream", "via-leader");
        // through a follower: forwarded to the leader (appending there would fork the log), confirmed once the ISR has it
        publishToStream(nodes.get(follower), "amqp-stream", "via-follower");
        await().atMost(AWAIT).untilAsserted(() -> {
            for (TributaryBroker n : nodes) {
                assertThat(n.broker().logManager().getLog("amqp-stream", 0).highWatermark()).isEqualTo(2);
            }
        });
        assertThat(consume(nodes.get((leader + 2) % 3), "amqp-stream", 1, 2)).containsExactly("via-leader", "via-follower");
        try (Admin admin = admin(nodes.get(0))) {
            assertThat(partition(admin, "amqp-stream").isr()).hasSize(3);
        }
        for (TributaryBroker n : nodes) {
            assertThat(bytes(n.broker().logManager().getLog("amqp-stream", 0)))
                    .isEqualTo(bytes(nodes.get(leader).broker().logManager().getLog("amqp-stream", 0)));
        }
    }

    @Test
    void anExchangeAndBindingDeclaredOnOneNodeRouteAPublishOnAnotherIntoAStream() throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUri(nodes.get(0).amqpUri());
        try (com.rabbitmq.client.Connection c = f.newConnection()) {
            com.rabbitmq.client.Channel ch = c.createChannel();
            ch.exchangeDeclare("events", "topic", true);
            ch.queueDeclare("audit", true, false, false, Map.of("x-queue-type", "stream", "x-initial-cluster-size", 3));
            ch.queueBind("audit", "events", "order.*");
        }
        // node 2 follows the declarations live: its publisher routes through "events" into the stream
        f.setUri(nodes.get(2).amqpUri());
        try (com.rabbitmq.client.Connection c = f.newConnection()) {
            com.rabbitmq.client.Channel ch = c.createChannel();
            ch.confirmSelect();
            java.util.concurrent.atomic.AtomicInteger returned = new java.util.concurrent.atomic.AtomicInteger();
            ch.addReturnListener(r -> returned.incrementAndGet());
            await().atMost(AWAIT).ignoreExceptions().until(() -> {
                ch.basicPublish("events", "order.created", true, null, "routed-from-node-2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(15_000);
                return nodes.get(0).broker().logManager().log(new io.tributary.logstore.TopicPartition("audit", 0))
                        .map(l -> l.highWatermark() >= 1).orElse(false);
            });
        }
        assertThat(consume(nodes.get(1), "audit", 1, 1)).first().isEqualTo("routed-from-node-2");
        // an unbinding on node 0 is followed too: node 1 no longer routes there
        f.setUri(nodes.get(0).amqpUri());
        try (com.rabbitmq.client.Connection c = f.newConnection()) {
            c.createChannel().queueUnbind("audit", "events", "order.*");
        }
        await().atMost(AWAIT).until(() -> nodes.get(1).broker().routingCore().vhosts().get("/").bindingsFrom("events").isEmpty());
    }

    @Test
    void streamsDeclaredOverAmqpAndTopicsMadeOverHttpAreReplicatedAsCreateTopicsMakesThem() throws Exception {
        // a new stream, declared on one node: RabbitMQ's x-initial-cluster-size is its replication factor
        Map<String, Object> streamArgs = Map.of("x-queue-type", "stream", "x-initial-cluster-size", 3);
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUri(nodes.get(1).amqpUri());
        try (com.rabbitmq.client.Connection c = f.newConnection()) {
            c.createChannel().queueDeclare("declared-stream", true, false, false, streamArgs);
        }
        java.net.http.HttpRequest put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(nodes.get(2).httpBase() + "/api/topics/http-topic"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("guest:guest".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"partitions\":2,\"replication_factor\":3}")).build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(put, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        try (Admin admin = admin(nodes.get(0))) {
            await().atMost(AWAIT).ignoreExceptions().untilAsserted(() -> {
                Map<String, org.apache.kafka.clients.admin.TopicDescription> topics =
                        admin.describeTopics(List.of("declared-stream", "http-topic")).allTopicNames().get();
                assertThat(topics.get("http-topic").partitions()).hasSize(2);
                for (org.apache.kafka.clients.admin.TopicDescription t : topics.values()) {
                    for (TopicPartitionInfo p : t.partitions()) {
                        assertThat(p.replicas()).as("replicas of %s-%d", t.name(), p.partition()).hasSize(3);
                        assertThat(p.isr()).as("ISR of %s-%d", t.name(), p.partition()).hasSize(3);
                    }
                }
            });
        }
        // confirmed once its ISR has it, the publish (through whichever node) reaches every replica
        publishToStream(nodes.get(0), "declared-stream", "replicated", streamArgs);
        await().atMost(AWAIT).untilAsserted(() -> {
            for (TributaryBroker n : nodes) {
                assertThat(n.broker().logManager().getLog("declared-stream", 0).highWatermark()).isGreaterThanOrEqualTo(1);
            }
        });
    }

    private static void publishToStream(TributaryBroker n, String stream, String body) throws Exception {
        publishToStream(n, stream, body, Map.of("x-queue-type", "stream"));
    }

    private static void publishToStream(TributaryBroker n, String stream, String body, Map<String, Object> args) throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUri(n.amqpUri());
        try (com.rabbitmq.client.Connection c = f.newConnection()) {
            com.rabbitmq.client.Channel ch = c.createChannel();
            ch.queueDeclare(stream, true, false, false, args);
            ch.confirmSelect();
            ch.basicPublish("", stream, com.rabbitmq.client.MessageProperties.PERSISTENT_TEXT_PLAIN,
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(15_000);
        }
    }

    // ---- helpers ----

    private static TopicPartitionInfo partition(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0);
    }

    private String allNodes() {
        return nodes.stream().map(TributaryBroker::kafkaBootstrap).collect(Collectors.joining(","));
    }

    /** Reads {@code expected} records as a member of {@code group}, committing synchronously after each poll. */
    private static List<String> consumeInGroup(String bootstrap, String topic, String group, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            await().atMost(AWAIT).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
                if (!out.isEmpty()) {
                    c.commitSync(Duration.ofSeconds(10));
                }
                return out.size() >= expected;
            });
        }
        return out;
    }


    private static void createTopic(TributaryBroker via, String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = admin(via)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 3).configs(configs))).all().get();
            await().atMost(AWAIT).untilAsserted(() -> {
                for (TopicPartitionInfo p : admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions()) {
                    assertThat(p.leader()).isNotNull();
                    assertThat(p.isr()).hasSize(3);
                }
            });
        }
    }

    private static int leaderOf(TributaryBroker via, String topic) {
        try (Admin admin = admin(via)) {
            TopicPartitionInfo p = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0);
            return p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id();
        } catch (InterruptedException | ExecutionException e) {
            return -1;
        }
    }

    private static Admin admin(TributaryBroker n) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, n.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static KafkaProducer<String, String> producer(TributaryBroker n) {
        return producer(n, new Properties());
    }

    private static KafkaProducer<String, String> producer(TributaryBroker n, Properties extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, n.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> readCommitted(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    private static List<String> consume(TributaryBroker n, String topic, int partitions, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, n.kafkaBootstrap());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.assign(IntStream.range(0, partitions).mapToObj(i -> new TopicPartition(topic, i)).toList());
            await().atMost(AWAIT).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
                return out.size() >= expected;
            });
        }
        return out;
    }

    /** The log's bytes below its high watermark, as a follower or a consumer would read them. */
    private static byte[] bytes(PartitionLog log) {
        ReadResult r = log.read(log.logStartOffset(), Integer.MAX_VALUE, FetchIsolation.HIGH_WATERMARK, true);
        ByteBuffer buf = ByteBuffer.allocate(r.slice().sizeInBytes());
        try {
            r.slice().readInto(buf);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buf.array();
    }
}
