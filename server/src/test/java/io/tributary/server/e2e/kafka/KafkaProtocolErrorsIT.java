package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.KafkaSettings;
import io.tributary.server.testing.BrokerExtension;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a Kafka broker answers to requests it cannot serve, and that such a request harms no one else. */
class KafkaProtocolErrorsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(KafkaSettings.MAX_REQUEST_BYTES, 64 * 1024)
            .set(KafkaSettings.AUTO_CREATE_TOPICS, false).set(KafkaSettings.CONNECTIONS_MAX_IDLE_MS, 4000L));

    private int port() {
        return BROKER.get().kafkaPort();
    }

    @Test
    void apiVersionsAdvertisesKafkaRangesIncludingTheProduceQuirk() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(port())) {
            ApiVersionsResponseData r = (ApiVersionsResponseData) c.send(new ApiVersionsRequest.Builder(), ApiKeys.API_VERSIONS.latestVersion()).data();
            assertThat(r.errorCode()).isEqualTo(Errors.NONE.code());
            ApiVersionsResponseData.ApiVersion produce = r.apiKeys().find(ApiKeys.PRODUCE.id);
            assertThat(produce.minVersion()).isZero();
            assertThat(produce.maxVersion()).isEqualTo(ApiKeys.PRODUCE.latestVersion());
            assertThat(r.apiKeys().find(ApiKeys.FETCH.id).maxVersion()).isEqualTo(ApiKeys.FETCH.latestVersion());
            assertThat(r.apiKeys().find(ApiKeys.METADATA.id)).isNotNull();
        }
    }

    @Test
    void anApiVersionsRequestNewerThanOursGetsAVersionZeroAnswer() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(port())) {
            short future = (short) (ApiKeys.API_VERSIONS.latestVersion() + 5);
            RequestHeaderData h = new RequestHeaderData().setRequestApiKey(ApiKeys.API_VERSIONS.id).setRequestApiVersion(future)
                    .setCorrelationId(7).setClientId("future-client");
            RequestHeader header = new RequestHeader(h, ApiKeys.API_VERSIONS.requestHeaderVersion(future));
            ByteBufferAccessor body = new ByteBufferAccessor(ByteBuffer.allocate(256));
            ObjectSerializationCache cache = new ObjectSerializationCache();
            header.data().size(cache, header.headerVersion());
            header.data().write(body, cache, header.headerVersion());
            body.writeByte((byte) 0); // an empty tagged-field section: the body a newer version might carry
            ByteBuffer frame = body.buffer().flip();
            c.writeFrame(frame);
            ByteBuffer response = c.readFrame();
            assertThat(ResponseHeader.parse(response, (short) 0).correlationId()).isEqualTo(7);
            ApiVersionsResponseData r = new ApiVersionsResponseData(new ByteBufferAccessor(response), (short) 0);
            assertThat(r.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            assertThat(r.apiKeys()).isNotEmpty();
        }
    }

    @Test
    void anUnknownApiKeyClosesOnlyThatConnection() throws Exception {
        try (RawKafkaClient bad = new RawKafkaClient(port()); RawKafkaClient good = new RawKafkaClient(port())) {
            bad.writeFrame(ByteBuffer.wrap(new byte[] {0x7f, 0x00, 0, 0, 0, 0, 0, 1, 0, 0}));
            assertThat(bad.closedByBroker()).isTrue();
            MetadataResponse m = (MetadataResponse) good.send(new MetadataRequest.Builder(new MetadataRequestData().setTopics(null)),
                    ApiKeys.METADATA.latestVersion());
            assertThat(m.brokers()).hasSize(1);
        }
    }

    @Test
    void aRequestLargerThanTheLimitClosesTheConnection() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(port())) {
            byte[] header = ByteBuffer.allocate(4).putInt(10 * 1024 * 1024).array();
            c.writeRaw(header);
            assertThat(c.closedByBroker()).isTrue();
        }
    }

    @Test
    void unsupportedOldProduceVersionsAreRefused() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(port())) {
            // Produce v2 is advertised (for librdkafka) but not served: the broker closes the connection.
            c.writeFrame(ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0}));
            assertThat(c.closedByBroker()).isTrue();
        }
    }

    @Test
    void produceToAnUnknownTopicIsRefusedPerPartition() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(port())) {
            ProduceResponse r = (ProduceResponse) c.send(produce("no-such-topic", MemoryRecords.withRecords(Compression.NONE,
                    new SimpleRecord("v".getBytes()))), (short) 12);
            assertThat(r.data().responses().iterator().next().partitionResponses().get(0).errorCode())
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterConnectionsMaxIdleMs() throws Exception {
        try (RawKafkaClient idle = new RawKafkaClient(port())) {
            long start = System.nanoTime();
            assertThat(idle.endOfStream()).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).as("closed after the idle time, not before").isGreaterThanOrEqualTo(3_000);
        }
    }

    @Test
    void clientsCannotAppendToInternalTopics() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(port())) {
            ProduceResponse r = (ProduceResponse) c.send(produce("__consumer_offsets", MemoryRecords.withRecords(Compression.NONE,
                    new SimpleRecord("k".getBytes(), "v".getBytes()))), (short) 12);
            assertThat(r.data().responses().iterator().next().partitionResponses().get(0).errorCode())
                    .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
        }
    }

    static ProduceRequest.Builder produce(String topic, MemoryRecords records) {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName(topic)
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records))));
        return ProduceRequest.builder(new ProduceRequestData().setAcks((short) -1).setTimeoutMs(10_000).setTopicData(topics));
    }
}
