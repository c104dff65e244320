package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idempotent producers: ids, deduplication of retried batches, sequence gaps refused. */
class IdempotentProducerIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void aRetriedBatchIsWrittenOnceAndAnsweredWithItsOriginalOffset() throws Exception {
        String topic = "idempotent-raw";
        createTopic(topic);
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            long pid = initProducerId(c);
            PartitionProduceResponse first = produce(c, topic, pid, 0, "a", "b");
            PartitionProduceResponse retry = produce(c, topic, pid, 0, "a", "b");
            PartitionProduceResponse next = produce(c, topic, pid, 2, "c");
            PartitionProduceResponse gap = produce(c, topic, pid, 10, "d");
            assertThat(first.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(retry.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(retry.baseOffset()).isEqualTo(first.baseOffset());
            assertThat(next.baseOffset()).isEqualTo(first.baseOffset() + 2);
            assertThat(gap.errorCode()).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 3);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("a", "b", "c");
        }
    }

    @Test
    void producersGetDistinctIdsAndTheJavaProducerIsIdempotentByDefault() throws Exception {
        String topic = "idempotent-client";
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(),
                Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5, ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < 500; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "m" + i));
            }
            producer.flush();
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 500);
            assertThat(records).hasSize(500);
            for (int i = 0; i < 500; i++) {
                assertThat(records.get(i).value()).isEqualTo("m" + i);
            }
        }
        try (RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort())) {
            long a = initProducerId(c);
            long b = initProducerId(c);
            assertThat(a).isNotEqualTo(b);
        }
    }

    private static long initProducerId(RawKafkaClient c) throws Exception {
        InitProducerIdResponseData id = (InitProducerIdResponseData) c.send(new InitProducerIdRequest.Builder(
                new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000)),
                ApiKeys.INIT_PRODUCER_ID.latestVersion()).data();
        assertThat(id.errorCode()).isEqualTo(Errors.NONE.code());
        return id.producerId();
    }

    private static PartitionProduceResponse produce(RawKafkaClient c, String topic, long pid, int sequence, String... values) throws Exception {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes());
        }
        MemoryRecords batch = MemoryRecords.withIdempotentRecords(Compression.NONE, pid, (short) 0, sequence, records);
        ProduceResponse r = (ProduceResponse) c.send(KafkaProtocolErrorsIT.produce(topic, batch), (short) 12);
        return r.data().responses().iterator().next().partitionResponses().get(0);
    }

    private static void createTopic(String topic) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            producer.partitionsFor(topic);
        }
    }
}
