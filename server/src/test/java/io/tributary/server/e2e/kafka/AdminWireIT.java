package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
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
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.message.DescribeProducersResponseData.PartitionResponse;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
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
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;
import org.apache.kafka.common.requests.DescribeProducersRequest;
import org.apache.kafka.common.requests.DescribeProducersResponse;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;
import org.apache.kafka.common.requests.DescribeTopicPartitionsResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin APIs at every version kafka-clients 4.3.1 implements, over one raw connection with
 * kafka-clients' own request and response classes: what {@code Admin} never sends (old versions,
 * legacy AlterConfigs, malformed requests such as duplicates and nulls).
 */
class AdminWireIT {
    private static final byte TOPIC = 2;
    private static final byte BROKER_RESOURCE = 4;
    private static final byte BROKER_LOGGER = 8;

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
            Uuid id = createTopic(name, 1);
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
            assertThat(createTopic(name, 1)).as("v%d: the name is free again", v).isNotEqualTo(id);
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
        assertThat(describeConfigs(ApiKeys.DESCRIBE_CONFIGS.latestVersion(), TOPIC, "wire-delete-v6", null).errorCode())
                .as("a topic named twice is not deleted").isEqualTo(Errors.NONE.code());
    }

    @Test
    void createPartitionsAtEveryVersion() {
        createTopic("wire-grow", 1);
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
        createTopic("wire-delete-records", 1);
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
    void describeConfigsAtEveryVersion() {
        createTopic("wire-configs", 1, Map.of("retention.ms", "1000"));
        for (short v = ApiKeys.DESCRIBE_CONFIGS.oldestVersion(); v <= ApiKeys.DESCRIBE_CONFIGS.latestVersion(); v++) {
            DescribeConfigsResult r = describeConfigs(v, TOPIC, "wire-configs", null);
            assertThat(r.errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
            DescribeConfigsResourceResult retention = r.configs().stream().filter(c -> c.name().equals("retention.ms")).findFirst().orElseThrow();
            assertThat(retention.value()).isEqualTo("1000");
            assertThat(retention.configSource()).isEqualTo(DescribeConfigsResponse.ConfigSource.TOPIC_CONFIG.id());
            assertThat(retention.synonyms()).as("v%d synonyms", v).hasSize(2);
            assertThat(retention.documentation() != null && !retention.documentation().isEmpty()).as("v%d documentation", v)
                    .isEqualTo(v >= 3);
            assertThat(retention.configType()).as("v%d type", v).isEqualTo(v >= 3 ? DescribeConfigsResponse.ConfigType.LONG.id() : 0);
        }
        short latest = ApiKeys.DESCRIBE_CONFIGS.latestVersion();
        assertThat(describeConfigs(latest, TOPIC, "wire-configs", List.of("retention.ms", "segment.ms")).configs())
                .extracting(DescribeConfigsResourceResult::name).containsExactlyInAnyOrder("retention.ms", "segment.ms");
        assertThat(describeConfigs(latest, TOPIC, "bad name!", null).errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
        assertThat(describeConfigs(latest, BROKER_RESOURCE, "7", null).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(describeConfigs(latest, BROKER_RESOURCE, "seven", null).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(describeConfigs(latest, BROKER_LOGGER, "0", null).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        DescribeConfigsResult clusterDefaults = describeConfigs(latest, BROKER_RESOURCE, "", null);
        assertThat(clusterDefaults.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(clusterDefaults.configs()).as("no dynamic cluster-wide defaults").isEmpty();
    }

    @Test
    void legacyAlterConfigsReplacesAllOverridesAtEveryVersion() {
        createTopic("wire-legacy", 1);
        for (short v = ApiKeys.ALTER_CONFIGS.oldestVersion(); v <= ApiKeys.ALTER_CONFIGS.latestVersion(); v++) {
            assertThat(legacyAlter(v, TOPIC, "wire-legacy", Map.of("retention.ms", "1000", "segment.ms", "60000"), false).errorCode())
                    .as("v%d", v).isEqualTo(Errors.NONE.code());
            assertThat(topicConfig("wire-legacy", "retention.ms").value()).isEqualTo("1000");
            assertThat(legacyAlter(v, TOPIC, "wire-legacy", Map.of("segment.ms", "120000"), false).errorCode()).isEqualTo(Errors.NONE.code());
            DescribeConfigsResourceResult retention = topicConfig("wire-legacy", "retention.ms");
            assertThat(retention.value()).as("v%d: an override left out goes back to the default", v).isEqualTo("604800000");
            assertThat(retention.configSource()).isEqualTo(DescribeConfigsResponse.ConfigSource.DEFAULT_CONFIG.id());
            assertThat(topicConfig("wire-legacy", "segment.ms").value()).isEqualTo("120000");
        }
        short latest = ApiKeys.ALTER_CONFIGS.latestVersion();
        assertThat(legacyAlter(latest, TOPIC, "wire-legacy", Map.of("segment.ms", "1"), true).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(topicConfig("wire-legacy", "segment.ms").value()).as("validateOnly").isEqualTo("120000");
        assertThat(legacyAlter(latest, TOPIC, "wire-legacy", Map.of("segment.ms", "never"), false).errorCode())
                .isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(legacyAlter(latest, TOPIC, "wire-no-such-topic", Map.of("segment.ms", "1"), false).errorCode())
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(legacyAlter(latest, BROKER_RESOURCE, "0", Map.of("log.retention.ms", "1"), false).errorCode())
                .isEqualTo(Errors.INVALID_REQUEST.code());
        AlterConfigsRequestData nullValue = new AlterConfigsRequestData();
        AlterConfigsRequestData.AlterConfigsResource resource = new AlterConfigsRequestData.AlterConfigsResource().setResourceType(TOPIC)
                .setResourceName("wire-legacy");
        resource.configs().add(new AlterConfigsRequestData.AlterableConfig().setName("segment.ms").setValue(null));
        nullValue.resources().add(resource);
        AlterConfigsResponse r = wire.send(new AlterConfigsRequest(nullValue, latest));
        assertThat(r.data().responses().get(0).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    }

    @Test
    void incrementalAlterConfigsAtEveryVersion() {
        createTopic("wire-incremental", 1);
        short first = ApiKeys.INCREMENTAL_ALTER_CONFIGS.oldestVersion();
        for (short v = first; v <= ApiKeys.INCREMENTAL_ALTER_CONFIGS.latestVersion(); v++) {
            String value = Integer.toString(1000 + v);
            assertThat(incrementalAlter(v, "wire-incremental", List.of(change("retention.ms", (byte) 0, value))).errorCode())
                    .as("v%d", v).isEqualTo(Errors.NONE.code());
            assertThat(topicConfig("wire-incremental", "retention.ms").value()).isEqualTo(value);
        }
        IntFunction<Short> code = op -> incrementalAlter(first, "wire-incremental", List.of(change("retention.ms", (byte) op, "1")))
                .errorCode();
        assertThat(code.apply(9)).as("unknown operation").isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(incrementalAlter(first, "wire-incremental", List.of(change("retention.ms", (byte) 0, "1"),
                change("retention.ms", (byte) 0, "2"))).errorCode()).as("duplicate keys").isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(incrementalAlter(first, "wire-incremental", List.of(change("retention.ms", (byte) 0, null))).errorCode())
                .as("SET without a value").isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(incrementalAlter(first, "wire-incremental", List.of(change("no.such.config", (byte) 1, null))).errorCode())
                .as("deleting a config no topic has").isEqualTo(Errors.NONE.code());
        assertThat(incrementalAlter(first, "", List.of(change("retention.ms", (byte) 0, "1"))).errorCode())
                .as("topic defaults").isEqualTo(Errors.INVALID_REQUEST.code());
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
        createTopic("wire-log-dirs", 2);
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
        createTopic("wire-producers", 1);
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
        createTopic("wire-pages-a", 3);
        createTopic("wire-pages-b", 2);
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

    private static Uuid createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    private static Uuid createTopic(String name, int partitions, Map<String, String> configs) {
        CreateTopicsRequestData data = new CreateTopicsRequestData();
        CreatableTopic topic = new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor((short) 1);
        configs.forEach((k, v) -> topic.configs().add(new CreatableTopicConfig().setName(k).setValue(v)));
        data.topics().add(topic);
        CreatableTopicResult r = ((CreateTopicsResponse) wire.send(new CreateTopicsRequest.Builder(data)
                .build(ApiKeys.CREATE_TOPICS.latestVersion()))).data().topics().find(name);
        assertThat(r.errorCode()).as("create %s: %s", name, r.errorMessage()).isEqualTo(Errors.NONE.code());
        return r.topicId();
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

    private static DescribeConfigsResult describeConfigs(short v, byte type, String name, List<String> keys) {
        DescribeConfigsRequestData data = new DescribeConfigsRequestData().setIncludeSynonyms(true).setIncludeDocumentation(v >= 3);
        data.resources().add(new DescribeConfigsResource().setResourceType(type).setResourceName(name).setConfigurationKeys(keys));
        DescribeConfigsResponse r = wire.send(new DescribeConfigsRequest.Builder(data).build(v));
        return r.data().results().get(0);
    }

    private static DescribeConfigsResourceResult topicConfig(String topic, String name) {
        return describeConfigs(ApiKeys.DESCRIBE_CONFIGS.latestVersion(), TOPIC, topic, List.of(name)).configs().get(0);
    }

    private static AlterConfigsResponseData.AlterConfigsResourceResponse legacyAlter(short v, byte type, String name,
            Map<String, String> configs, boolean validateOnly) {
        AlterConfigsRequestData data = new AlterConfigsRequestData().setValidateOnly(validateOnly);
        AlterConfigsRequestData.AlterConfigsResource resource = new AlterConfigsRequestData.AlterConfigsResource().setResourceType(type)
                .setResourceName(name);
        configs.forEach((k, value) -> resource.configs().add(new AlterConfigsRequestData.AlterableConfig().setName(k).setValue(value)));
        data.resources().add(resource);
        AlterConfigsResponse r = wire.send(new AlterConfigsRequest(data, v));
        return r.data().responses().get(0);
    }

    private static IncrementalAlterConfigsRequestData.AlterableConfig change(String name, byte op, String value) {
        return new IncrementalAlterConfigsRequestData.AlterableConfig().setName(name).setConfigOperation(op).setValue(value);
    }

    private static AlterConfigsResourceResponse incrementalAlter(short v, String topic,
            List<IncrementalAlterConfigsRequestData.AlterableConfig> changes) {
        IncrementalAlterConfigsRequestData data = new IncrementalAlterConfigsRequestData();
        IncrementalAlterConfigsRequestData.AlterConfigsResource resource = new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                .setResourceType(TOPIC).setResourceName(topic);
        changes.forEach(c -> resource.configs().add(c.duplicate()));
        data.resources().add(resource);
        IncrementalAlterConfigsResponse r = wire.send(new IncrementalAlterConfigsRequest.Builder(data).build(v));
        return r.data().responses().get(0);
    }

    private static DescribeClusterResponseData describeCluster(short v, byte endpointType) {
        DescribeClusterRequestData data = new DescribeClusterRequestData().setEndpointType(endpointType);
        DescribeClusterResponse r = wire.send(new DescribeClusterRequest.Builder(data).build(v));
        return r.data();
    }
}
