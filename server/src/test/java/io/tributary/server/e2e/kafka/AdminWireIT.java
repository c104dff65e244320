package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.message.DescribeProducersResponseData.PartitionResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;
import org.apache.kafka.common.requests.DescribeProducersRequest;
import org.apache.kafka.common.requests.DescribeProducersResponse;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;
import org.apache.kafka.common.requests.DescribeTopicPartitionsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The topic, record and cluster admin APIs at every version kafka-clients 4.3.1 implements, over one
 * raw connection with kafka-clients' own request and response classes: what {@code Admin} never
 * sends (old versions, malformed requests such as duplicates). Configs: {@link AdminWireConfigsIT}.
 */
class AdminWireIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static KafkaWire wire;

    @BeforeAll
    static void connect() {
        wire = new KafkaWire("127.0.0.1", BROKER.get().kafkaPort());
    }

    @AfterAll
    static void disconnect() throws Exception {
        wire.close();
    }

    @Test
    void apiVersionsAdvertisesEveryAdminApiWithKafkaClientsRanges() {
        ApiVersionsResponse r = wire.send(new ApiVersionsRequest(new ApiVersionsRequestData(), ApiKeys.API_VERSIONS.latestVersion()));
        for (ApiKeys api : List.of(ApiKeys.CREATE_TOPICS, ApiKeys.DELETE_TOPICS, ApiKeys.CREATE_PARTITIONS, ApiKeys.DELETE_RECORDS,
                ApiKeys.DESCRIBE_CONFIGS, ApiKeys.ALTER_CONFIGS, ApiKeys.INCREMENTAL_ALTER_CONFIGS, ApiKeys.DESCRIBE_CLUSTER,
                ApiKeys.DESCRIBE_LOG_DIRS, ApiKeys.DESCRIBE_PRODUCERS, ApiKeys.DESCRIBE_TOPIC_PARTITIONS)) {
            ApiVersion v = r.data().apiKeys().find(api.id);
            assertThat(v).as(api.name()).isNotNull();
            assertThat(v.minVersion()).as(api.name()).isEqualTo(api.oldestVersion());
            assertThat(v.maxVersion()).as(api.name()).isEqualTo(api.latestVersion());
        }
    }

    @Test
    void createTopicsAtEveryVersion() {
        for (short v = ApiKeys.CREATE_TOPICS.oldestVersion(); v <= ApiKeys.CREATE_TOPICS.latestVersion(); v++) {
            CreateTopicsRequestData data = new CreateTopicsRequestData().setTimeoutMs(10_000);
            CreatableTopic topic = new CreatableTopic().setName("wire-create-v" + v).setNumPartitions(2).setReplicationFactor((short) 1);
            topic.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("1000"));
            data.topics().add(topic);
            data.topics().add(new CreatableTopic().setName("wire-dup-v" + v).setNumPartitions(1).setReplicationFactor((short) 1));
            data.topics().add(new CreatableTopic().setName("wire-dup-v" + v).setNumPartitions(1).setReplicationFactor((short) 1));
            CreatableTopic manual = new CreatableTopic().setName("wire-manual-v" + v).setNumPartitions(1).setReplicationFactor((short) -1);
            manual.assignments().add(new CreatableReplicaAssignment().setPartitionIndex(0).setBrokerIds(List.of(0)));
            data.topics().add(manual);
            CreateTopicsResponseData r = ((CreateTopicsResponse) wire.send(new CreateTopicsRequest.Builder(data).build(v))).data();

            CreatableTopicResult created = r.topics().find("wire-create-v" + v);
            assertThat(created.errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
            assertThat(created.topicId().equals(Uuid.ZERO_UUID)).as("v%d topic id", v).isEqualTo(v < 7);
            assertThat(created.numPartitions()).as("v%d", v).isEqualTo(v >= 5 ? 2 : -1);
            if (v >= 5) {
                assertThat(created.replicationFactor()).isEqualTo((short) 1);
                assertThat(created.configs()).filteredOn(c -> c.name().equals("retention.ms")).singleElement()
                        .satisfies(c -> {
                            assertThat(c.value()).isEqualTo("1000");
                            assertThat(c.configSource()).isEqualTo(DescribeConfigsResponse.ConfigSource.TOPIC_CONFIG.id());
                        });
            }
            String dup = "wire-dup-v" + v;
            List<CreatableTopicResult> dups = r.topics().stream().filter(t -> t.name().equals(dup)).toList();
            assertThat(dups).singleElement().satisfies(t -> {
                assertThat(t.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
                assertThat(t.errorMessage()).isEqualTo("Duplicate topic name.");
            });
            assertThat(r.topics().find("wire-manual-v" + v).errorCode()).as("manual assignment with a partition count")
                    .isEqualTo(Errors.INVALID_REQUEST.code());
        }
        CreateTopicsRequestData defaults = new CreateTopicsRequestData();
        defaults.topics().add(new CreatableTopic().setName("wire-create-defaults").setNumPartitions(-1).setReplicationFactor((short) -1));
        CreatableTopicResult r = ((CreateTopicsResponse) wire.send(new CreateTopicsRequest.Builder(defaults).build((short) 4))).data()
                .topics().find("wire-create-defaults");
        assertThat(r.errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void deleteTopicsAtEveryVersionByNameAndById() {
        for (short v = ApiKeys.DELETE_TOPICS.oldestVersion(); v <= ApiKeys.DELETE_TOPICS.latestVersion(); v++) {
            String name = "wire-delete-v" + v;
            Uuid id = wire.createTopic(name, 1);
            DeleteTopicsRequestData data = new DeleteTopicsRequestData().setTimeoutMs(10_000);
            if (v >= 6) {
                data.topics().add(new DeleteTopicState().setTopicId(id));
                data.topics().add(new DeleteTopicState().setTopicId(Uuid.randomUuid()));
                data.topics().add(new DeleteTopicState().setName("wire-both").setTopicId(Uuid.randomUuid()));
            } else {
                data.topicNames().add(name);
                data.topicNames().add("wire-no-such-topic");
            }
            List<DeletableTopicResult> results = List.copyOf(((DeleteTopicsResponse) wire.send(new DeleteTopicsRequest.Builder(data).build(v)))
                    .data().responses());
            assertThat(results.get(0).errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
            assertThat(results.get(0).name()).isEqualTo(name);
            if (v >= 6) {
                assertThat(results.get(0).topicId()).isEqualTo(id);
                assertThat(results.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
                assertThat(results.get(2).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
            } else {
                assertThat(results.get(1).errorCode()).as("v%d", v).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            }
            assertThat(wire.createTopic(name, 1)).as("v%d: the name is free again", v).isNotEqualTo(id);
        }
        DeleteTopicsRequestData twice = new DeleteTopicsRequestData();
        twice.topics().add(new DeleteTopicState().setName("wire-delete-v6"));
        twice.topics().add(new DeleteTopicState().setName("wire-delete-v6"));
        List<DeletableTopicResult> results = List.copyOf(((DeleteTopicsResponse) wire.send(new DeleteTopicsRequest.Builder(twice)
                .build(ApiKeys.DELETE_TOPICS.latestVersion()))).data().responses());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
            assertThat(r.errorMessage()).isEqualTo("Duplicate topic name.");
        });
        assertThat(topicExists("wire-delete-v6")).as("a topic named twice is not deleted").isTrue();
    }

    @Test
    void createPartitionsAtEveryVersion() {
        wire.createTopic("wire-grow", 1);
        int count = 1;
        for (short v = ApiKeys.CREATE_PARTITIONS.oldestVersion(); v <= ApiKeys.CREATE_PARTITIONS.latestVersion(); v++) {
            count++;
            assertThat(createPartitions(v, "wire-grow", count, null).errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
        }
        short latest = ApiKeys.CREATE_PARTITIONS.latestVersion();
        CreatePartitionsTopicResult lower = createPartitions(latest, "wire-grow", 2, null);
        assertThat(lower.errorCode()).isEqualTo(Errors.INVALID_PARTITIONS.code());
        assertThat(lower.errorMessage()).isEqualTo("The topic wire-grow currently has " + count + " partition(s); 2 would not be an increase.");
        CreatePartitionsTopicResult same = createPartitions(latest, "wire-grow", count, null);
        assertThat(same.errorCode()).isEqualTo(Errors.INVALID_PARTITIONS.code());
        assertThat(same.errorMessage()).isEqualTo("Topic already has " + count + " partition(s).");
        assertThat(createPartitions(latest, "wire-grow", count + 1, List.of()).errorCode()).as("an empty assignment list")
                .isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT.code());
        CreatePartitionsTopicResult tooFew = createPartitions(latest, "wire-grow", count + 2, List.of(List.of(0)));
        assertThat(tooFew.errorCode()).isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT.code());
        assertThat(createPartitions(latest, "wire-grow", count + 1, List.of(List.of(0))).errorCode()).isEqualTo(Errors.NONE.code());

        CreatePartitionsRequestData twice = new CreatePartitionsRequestData();
        twice.topics().add(new CreatePartitionsTopic().setName("wire-grow").setCount(count + 5).setAssignments(null));
        twice.topics().add(new CreatePartitionsTopic().setName("wire-grow").setCount(count + 5).setAssignments(null));
        CreatePartitionsResponse r = wire.send(new CreatePartitionsRequest.Builder(twice).build(latest));
        assertThat(r.data().results()).singleElement().satisfies(t -> assertThat(t.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code()));
        assertThat(createPartitions(latest, "wire-grow", count + 1, null).errorMessage()).as("unchanged")
                .isEqualTo("Topic already has " + (count + 1) + " partition(s).");
    }

    @Test
    void deleteRecordsAtEveryVersion() throws Exception {
        wire.createTopic("wire-delete-records", 1);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("wire-delete-records", 0, "k", "v" + i)).get();
            }
        }
        for (short v = ApiKeys.DELETE_RECORDS.oldestVersion(); v <= ApiKeys.DELETE_RECORDS.latestVersion(); v++) {
            DeleteRecordsPartitionResult r = deleteRecords(v, "wire-delete-records", 0, v + 1);
            assertThat(r.errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
            assertThat(r.lowWatermark()).as("v%d", v).isEqualTo(v + 1);
        }
        DeleteRecordsPartitionResult beyond = deleteRecords((short) 2, "wire-delete-records", 0, 11);
        assertThat(beyond.errorCode()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
        assertThat(beyond.lowWatermark()).isEqualTo(-1);
        assertThat(deleteRecords((short) 2, "wire-delete-records", 5, 1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void describeClusterAtEveryVersion() {
        for (short v = ApiKeys.DESCRIBE_CLUSTER.oldestVersion(); v <= ApiKeys.DESCRIBE_CLUSTER.latestVersion(); v++) {
            DescribeClusterResponseData r = describeCluster(v, (byte) 1);
            assertThat(r.errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
            assertThat(r.clusterId()).isNotBlank();
            assertThat(r.controllerId()).isZero();
            assertThat(r.brokers()).singleElement().satisfies(b -> {
                assertThat(b.brokerId()).isZero();
                assertThat(b.port()).isEqualTo(BROKER.get().kafkaPort());
            });
            if (v >= 1) {
                assertThat(describeCluster(v, (byte) 2).errorCode()).as("v%d controller endpoints", v)
                        .isEqualTo(Errors.MISMATCHED_ENDPOINT_TYPE.code());
                assertThat(describeCluster(v, (byte) 9).errorCode()).isEqualTo(Errors.UNSUPPORTED_ENDPOINT_TYPE.code());
            }
        }
    }

    @Test
    void describeLogDirsAtEveryVersion() {
        wire.createTopic("wire-log-dirs", 2);
        for (short v = ApiKeys.DESCRIBE_LOG_DIRS.oldestVersion(); v <= ApiKeys.DESCRIBE_LOG_DIRS.latestVersion(); v++) {
            DescribeLogDirsRequestData data = new DescribeLogDirsRequestData();
            data.topics().add(new DescribableLogDirTopic().setTopic("wire-log-dirs").setPartitions(List.of(1)));
            DescribeLogDirsResponse r = wire.send(new DescribeLogDirsRequest.Builder(data).build(v));
            DescribeLogDirsResult dir = r.data().results().get(0);
            assertThat(dir.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(dir.topics()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("wire-log-dirs");
                assertThat(t.partitions()).singleElement().satisfies(p -> assertThat(p.partitionIndex()).isEqualTo(1));
            });
            assertThat(dir.totalBytes() > 0).as("v%d total bytes", v).isEqualTo(v >= 4);
            assertThat(dir.usableBytes() > 0).as("v%d usable bytes", v).isEqualTo(v >= 4);
        }
    }

    @Test
    void describeProducersOfAnUnknownPartition() {
        wire.createTopic("wire-producers", 1);
        DescribeProducersRequestData data = new DescribeProducersRequestData();
        data.topics().add(new DescribeProducersRequestData.TopicRequest().setName("wire-producers").setPartitionIndexes(List.of(0, 3)));
        DescribeProducersResponse r = wire.send(new DescribeProducersRequest.Builder(data).build((short) 0));
        List<PartitionResponse> partitions = r.data().topics().get(0).partitions();
        assertThat(partitions.get(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(partitions.get(0).activeProducers()).isEmpty();
        assertThat(partitions.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void describeTopicPartitionsPagesWithACursor() {
        wire.createTopic("wire-pages-a", 3);
        wire.createTopic("wire-pages-b", 2);
        DescribeTopicPartitionsRequestData data = new DescribeTopicPartitionsRequestData().setResponsePartitionLimit(4);
        for (String t : List.of("wire-pages-b", "wire-pages-a", "wire-pages-none", "bad name!")) {
            data.topics().add(new DescribeTopicPartitionsRequestData.TopicRequest().setName(t));
        }
        DescribeTopicPartitionsResponseData first = ((DescribeTopicPartitionsResponse) wire.send(
                new DescribeTopicPartitionsRequest.Builder(data).build((short) 0))).data();
        assertThat(first.topics()).extracting(DescribeTopicPartitionsResponseTopic::name).containsExactly("bad name!", "wire-pages-a",
                "wire-pages-b");
        assertThat(first.topics().find("bad name!").errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
        assertThat(first.topics().find("wire-pages-a").partitions()).hasSize(3);
        assertThat(first.topics().find("wire-pages-b").partitions()).extracting(p -> p.partitionIndex()).containsExactly(0);
        assertThat(first.nextCursor().topicName()).isEqualTo("wire-pages-b");
        assertThat(first.nextCursor().partitionIndex()).isEqualTo(1);

        data.setCursor(new DescribeTopicPartitionsRequestData.Cursor().setTopicName("wire-pages-b").setPartitionIndex(1));
        DescribeTopicPartitionsResponseData second = ((DescribeTopicPartitionsResponse) wire.send(
                new DescribeTopicPartitionsRequest.Builder(data).build((short) 0))).data();
        assertThat(second.topics()).extracting(DescribeTopicPartitionsResponseTopic::name).containsExactly("wire-pages-b", "wire-pages-none");
        assertThat(second.topics().find("wire-pages-b").partitions()).extracting(p -> p.partitionIndex()).containsExactly(1);
        assertThat(second.topics().find("wire-pages-none").errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(second.nextCursor()).isNull();
    }

    // ---- requests ----

    private static boolean topicExists(String name) {
        DescribeTopicPartitionsRequestData data = new DescribeTopicPartitionsRequestData();
        data.topics().add(new DescribeTopicPartitionsRequestData.TopicRequest().setName(name));
        DescribeTopicPartitionsResponse r = wire.send(new DescribeTopicPartitionsRequest.Builder(data).build((short) 0));
        return r.data().topics().find(name).errorCode() == Errors.NONE.code();
    }

    private static CreatePartitionsTopicResult createPartitions(short v, String topic, int count, List<List<Integer>> assignments) {
        CreatePartitionsTopic t = new CreatePartitionsTopic().setName(topic).setCount(count)
                .setAssignments(assignments == null ? null : assignments.stream().map(a -> new CreatePartitionsAssignment().setBrokerIds(a)).toList());
        CreatePartitionsRequestData data = new CreatePartitionsRequestData().setTimeoutMs(10_000);
        data.topics().add(t);
        CreatePartitionsResponse r = wire.send(new CreatePartitionsRequest.Builder(data).build(v));
        return r.data().results().get(0);
    }

    private static DeleteRecordsPartitionResult deleteRecords(short v, String topic, int partition, long offset) {
        DeleteRecordsRequestData data = new DeleteRecordsRequestData().setTimeoutMs(10_000);
        data.topics().add(new DeleteRecordsTopic().setName(topic)
                .setPartitions(List.of(new DeleteRecordsPartition().setPartitionIndex(partition).setOffset(offset))));
        DeleteRecordsResponse r = wire.send(new DeleteRecordsRequest.Builder(data).build(v));
        return r.data().topics().iterator().next().partitions().iterator().next();
    }
    private static DescribeClusterResponseData describeCluster(short v, byte endpointType) {
        DescribeClusterRequestData data = new DescribeClusterRequestData().setEndpointType(endpointType);
        DescribeClusterResponse r = wire.send(new DescribeClusterRequest.Builder(data).build(v));
        return r.data();
    }
}
