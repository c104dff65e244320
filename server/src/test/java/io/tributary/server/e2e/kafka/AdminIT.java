package io.tributary.server.e2e.kafka;

import static io.tributary.server.e2e.kafka.AdminFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real {@code Admin} client against the broker: topics, partitions, records, log dirs, producers, the cluster. */
class AdminIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = KafkaClients.admin(BROKER.get().kafkaBootstrap());
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void topicsAreCreatedListedDescribedAndDeleted() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(
                new NewTopic("admin-orders", 3, (short) 1).configs(Map.of("retention.ms", "3600000")),
                new NewTopic("admin-defaults", Optional.empty(), Optional.empty())));
        created.all().get();
        assertThat(created.numPartitions("admin-orders").get()).isEqualTo(3);
        assertThat(created.replicationFactor("admin-orders").get()).isEqualTo(1);
        assertThat(created.config("admin-orders").get().get("retention.ms").value()).isEqualTo("3600000");
        assertThat(created.numPartitions("admin-defaults").get()).as("num.partitions").isEqualTo(1);
        Uuid ordersId = created.topicId("admin-orders").get();
        Uuid defaultsId = created.topicId("admin-defaults").get();
        assertThat(ordersId).isNotEqualTo(Uuid.ZERO_UUID).isNotEqualTo(defaultsId);

        assertThat(admin.listTopics().names().get()).contains("admin-orders", "admin-defaults");
        TopicDescription orders = admin.describeTopics(List.of("admin-orders")).allTopicNames().get().get("admin-orders");
        assertThat(orders.topicId()).isEqualTo(ordersId);
        assertThat(orders.partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1, 2);
        for (TopicPartitionInfo p : orders.partitions()) {
            assertThat(p.leader().id()).isZero();
            assertThat(p.replicas()).extracting(Node::id).containsExactly(0);
            assertThat(p.isr()).extracting(Node::id).containsExactly(0);
        }
        assertThat(admin.describeTopics(TopicCollection.ofTopicIds(List.of(defaultsId))).allTopicIds().get().get(defaultsId).name())
                .isEqualTo("admin-defaults");

        admin.deleteTopics(List.of("admin-orders")).all().get();
        admin.deleteTopics(TopicCollection.ofTopicIds(List.of(defaultsId))).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("admin-orders", "admin-defaults");
        assertThat(failure(admin.describeTopics(List.of("admin-orders")).allTopicNames())).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(failure(admin.deleteTopics(List.of("admin-orders")).all())).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(failure(admin.deleteTopics(TopicCollection.ofTopicIds(List.of(defaultsId))).all()))
                .isInstanceOf(UnknownTopicIdException.class);
    }

    @Test
    void internalTopicsCannotBeDeleted() throws Exception {
        assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get()).contains("__consumer_offsets");
        assertThat(failure(admin.deleteTopics(List.of("__consumer_offsets")).all())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("internal topic");
        assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get()).contains("__consumer_offsets");
    }

    @Test
    void describeTopicsPagesThroughManyPartitions() throws Exception {
        admin.createTopics(List.of(new NewTopic("admin-paged-a", 5, (short) 1), new NewTopic("admin-paged-b", 3, (short) 1))).all().get();
        Map<String, TopicDescription> described = admin.describeTopics(List.of("admin-paged-b", "admin-paged-a", "admin-paged-missing"),
                new DescribeTopicsOptions().partitionSizeLimitPerResponse(2)).topicNameValues().entrySet().stream()
                .filter(e -> !e.getKey().equals("admin-paged-missing"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toCompletionStage().toCompletableFuture().join()));
        assertThat(described.get("admin-paged-a").partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1, 2, 3, 4);
        assertThat(described.get("admin-paged-b").partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1, 2);
        assertThat(failure(admin.describeTopics(List.of("admin-paged-missing")).allTopicNames()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        CreateTopicsResult checked = admin.createTopics(List.of(new NewTopic("admin-dry-run", 4, (short) 1)),
                new CreateTopicsOptions().validateOnly(true));
        checked.all().get();
        assertThat(checked.numPartitions("admin-dry-run").get()).isEqualTo(4);
        assertThat(admin.listTopics().names().get()).doesNotContain("admin-dry-run");
        assertThat(failure(admin.createTopics(List.of(new NewTopic("admin-dry-run", 4, (short) 3)),
                new CreateTopicsOptions().validateOnly(true)).all())).isInstanceOf(InvalidReplicationFactorException.class);
    }

    @Test
    void createTopicsRefusesWhatKafkaRefuses() throws Exception {
        admin.createTopics(List.of(new NewTopic("admin-taken", 1, (short) 1))).all().get();
        CreateTopicsResult r = admin.createTopics(List.of(
                new NewTopic("admin-taken", 1, (short) 1),
                new NewTopic("bad name!", 1, (short) 1),
                new NewTopic("admin-bad-value", 1, (short) 1).configs(Map.of("retention.ms", "soon")),
                new NewTopic("admin-bad-name", 1, (short) 1).configs(Map.of("no.such.config", "1")),
                new NewTopic("admin-three-replicas", 1, (short) 3),
                new NewTopic("admin-no-partitions", 0, (short) 1),
                new NewTopic("admin-other-broker", Map.of(0, List.of(0), 1, List.of(7))),
                new NewTopic("admin-manual", Map.of(0, List.of(0), 1, List.of(0)))));
        assertThat(failure(r.values().get("admin-taken"))).isInstanceOf(TopicExistsException.class);
        assertThat(failure(r.values().get("bad name!"))).isInstanceOf(InvalidTopicException.class);
        assertThat(failure(r.values().get("admin-bad-value"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("retention.ms");
        assertThat(failure(r.values().get("admin-bad-name"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no.such.config");
        assertThat(failure(r.values().get("admin-three-replicas"))).isInstanceOf(InvalidReplicationFactorException.class);
        assertThat(failure(r.values().get("admin-no-partitions"))).isInstanceOf(InvalidPartitionsException.class);
        assertThat(failure(r.values().get("admin-other-broker"))).isInstanceOf(InvalidReplicaAssignmentException.class)
                .hasMessageContaining("broker 7");
        r.values().get("admin-manual").get();
        assertThat(r.numPartitions("admin-manual").get()).isEqualTo(2);
        assertThat(admin.listTopics().names().get()).contains("admin-manual")
                .doesNotContain("bad name!", "admin-bad-value", "admin-bad-name", "admin-three-replicas", "admin-no-partitions",
                        "admin-other-broker");
    }

    @Test
    void partitionsGrowAndNeverShrink() throws Exception {
        String topic = "admin-grow";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4)), new CreatePartitionsOptions().validateOnly(true)).all().get();
        assertThat(partitionCount(topic)).isEqualTo(1);

        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get();
        assertThat(partitionCount(topic)).isEqualTo(4);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            assertThat(producer.send(new ProducerRecord<>(topic, 3, "k", "into the new partition")).get().offset()).isZero();
        }

        assertThat(failure(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all()))
                .isInstanceOf(InvalidPartitionsException.class);
        assertThat(failure(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all()))
                .isInstanceOf(InvalidPartitionsException.class);
        assertThat(failure(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(6, List.of(List.of(0), List.of(5))))).all()))
                .isInstanceOf(InvalidReplicaAssignmentException.class);
        assertThat(failure(admin.createPartitions(Map.of("admin-no-such-topic", NewPartitions.increaseTo(2))).all()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(partitionCount(topic)).isEqualTo(4);
    }

    @Test
    void deleteRecordsMovesTheLowWatermark() throws Exception {
        String topic = "admin-delete-records";
        TopicPartition tp = new TopicPartition(topic, 0);
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        produce(tp, 10, "v");

        long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(4))).lowWatermarks().get(tp).get().lowWatermark();
        assertThat(low).isEqualTo(4);
        assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset()).isEqualTo(4);
        assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset()).isEqualTo(10);
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 6);
            assertThat(records).extracting(ConsumerRecord::offset).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(records.get(0).value()).isEqualTo("v4");
        }

        assertThat(admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(2))).lowWatermarks().get(tp).get().lowWatermark())
                .as("a lower offset leaves the low watermark").isEqualTo(4);
        assertThat(failure(admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(11))).all()))
                .isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(-1))).lowWatermarks().get(tp).get().lowWatermark())
                .as("-1 deletes up to the high watermark").isEqualTo(10);
        assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset()).isEqualTo(10);

        admin.createTopics(List.of(new NewTopic("admin-compacted", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        TopicPartition compacted = new TopicPartition("admin-compacted", 0);
        produce(compacted, 2, "c");
        assertThat(failure(admin.deleteRecords(Map.of(compacted, RecordsToDelete.beforeOffset(1))).all()))
                .isInstanceOf(PolicyViolationException.class);
    }

    @Test
    void describeLogDirsShowsPartitionSizesThatGrow() throws Exception {
        String topic = "admin-log-dirs";
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        Map<String, LogDirDescription> before = admin.describeLogDirs(List.of(0)).allDescriptions().get().get(0);
        assertThat(before).hasSize(1);
        String dir = before.keySet().iterator().next();
        LogDirDescription d = before.get(dir);
        assertThat(d.error()).isNull();
        assertThat(d.totalBytes()).isPresent();
        assertThat(d.totalBytes().getAsLong()).isPositive();
        assertThat(d.usableBytes()).isPresent();
        assertThat(d.usableBytes().getAsLong()).isPositive().isLessThanOrEqualTo(d.totalBytes().getAsLong());
        assertThat(d.replicaInfos().get(p0).size()).isZero();

        produce(p0, 50, "x".repeat(1000));

        LogDirDescription after = admin.describeLogDirs(List.of(0)).allDescriptions().get().get(0).get(dir);
        assertThat(after.replicaInfos().get(p0).size()).isGreaterThan(50_000);
        assertThat(after.replicaInfos().get(p0).offsetLag()).isZero();
        assertThat(after.replicaInfos().get(p1).size()).isZero();
        var replica = admin.describeReplicaLogDirs(List.of(new TopicPartitionReplica(topic, 0, 0))).all().get()
                .get(new TopicPartitionReplica(topic, 0, 0));
        assertThat(replica.getCurrentReplicaLogDir()).isEqualTo(dir);
    }

    @Test
    void describeProducersShowsAnIdempotentProducer() throws Exception {
        String topic = "admin-producers";
        TopicPartition tp = new TopicPartition(topic, 0);
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        assertThat(admin.describeProducers(List.of(tp)).partitionResult(tp).get().activeProducers()).isEmpty();
        produce(tp, 3, "p");

        List<ProducerState> producers = admin.describeProducers(List.of(tp)).partitionResult(tp).get().activeProducers();
        assertThat(producers).hasSize(1);
        ProducerState p = producers.get(0);
        assertThat(p.producerId()).isNotNegative();
        assertThat(p.producerEpoch()).isZero();
        assertThat(p.lastSequence()).isEqualTo(2);
        assertThat(p.lastTimestamp()).isPositive();
        assertThat(p.currentTransactionStartOffset()).isEmpty();
        assertThat(admin.describeProducers(List.of(new TopicPartition(topic, 1))).partitionResult(new TopicPartition(topic, 1)).get()
                .activeProducers()).isEmpty();
    }

    @Test
    void describeClusterShowsThisBroker() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        assertThat(cluster.clusterId().get()).isNotBlank();
        assertThat(cluster.controller().get().id()).isZero();
        assertThat(cluster.nodes().get()).singleElement().satisfies(n -> {
            assertThat(n.id()).isZero();
            assertThat(n.host()).isEqualTo("127.0.0.1");
            assertThat(n.port()).isEqualTo(BROKER.get().kafkaPort());
        });
        assertThat(cluster.authorizedOperations().get()).isNull();
    }

    private static int partitionCount(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /** Produces {@code count} records valued {@code prefix + i} with an idempotent producer (the default). */
    private static void produce(TopicPartition tp, int count, String prefix) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), "k" + i, prefix + i)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }
}
