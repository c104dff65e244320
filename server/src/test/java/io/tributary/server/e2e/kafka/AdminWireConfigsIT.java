package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DescribeConfigs, AlterConfigs (legacy, which Admin 4.x no longer sends) and IncrementalAlterConfigs
 * at every version kafka-clients 4.3.1 implements, over one raw connection, with malformed requests
 * (duplicate keys, nulls, unknown operations and resource types).
 */
class AdminWireConfigsIT {
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
    void describeConfigsAtEveryVersion() {
        wire.createTopic("wire-configs", 1, Map.of("retention.ms", "1000"));
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
        wire.createTopic("wire-legacy", 1);
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
        wire.createTopic("wire-incremental", 1);
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

    // ---- requests ----

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
}
