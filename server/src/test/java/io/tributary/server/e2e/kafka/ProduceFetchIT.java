package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real KafkaProducer and KafkaConsumer (manual assignment) against the broker. */
class ProduceFetchIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void producedRecordsAreFetchedInOrderWithHeadersAndTimestamps() throws Exception {
        String topic = "orders";
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            for (int i = 0; i < 100; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, 0, 1_700_000_000_000L + i, "k" + i, "v" + i,
                        List.of(new RecordHeader("h", ("x" + i).getBytes(StandardCharsets.UTF_8))));
                RecordMetadata m = producer.send(r).get();
                assertThat(m.offset()).isEqualTo(i);
            }
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 100);
            assertThat(records).hasSize(100);
            for (int i = 0; i < 100; i++) {
                ConsumerRecord<String, String> r = records.get(i);
                assertThat(r.offset()).isEqualTo(i);
                assertThat(r.key()).isEqualTo("k" + i);
                assertThat(r.value()).isEqualTo("v" + i);
                assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L + i);
                assertThat(new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8)).isEqualTo("x" + i);
            }
        }
    }

    @Test
    void everyAcksSettingDeliversAndAcksAllReportsOffsets() throws Exception {
        for (String acks : List.of("0", "1", "all")) {
            String topic = "acks-" + acks;
            try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(),
                    Map.of(ProducerConfig.ACKS_CONFIG, acks, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "all".equals(acks)))) {
                producer.partitionsFor(topic);
                for (int i = 0; i < 50; i++) {
                    RecordMetadata m = producer.send(new ProducerRecord<>(topic, 0, null, "v" + i)).get();
                    assertThat(m.hasOffset()).isEqualTo(!"0".equals(acks));
                }
            }
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of())) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                assertThat(KafkaClients.pollUntil(consumer, 50)).extracting(ConsumerRecord::value).startsWith("v0").endsWith("v49");
            }
        }
    }

    @Test
    void aWaitingConsumerIsWokenByARecordProducedAfterItStartedPolling() throws Exception {
        String topic = "long-poll";
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of("fetch.max.wait.ms", 60_000));
            try {
                producer.partitionsFor(topic);
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                assertThat(consumer.poll(java.time.Duration.ofMillis(200))).isEmpty();
                producer.send(new ProducerRecord<>(topic, 0, "late", "arrival")).get();
                // The parked Fetch must be answered by the new data, long before its 60 s wait ends.
                List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
                    consumer.poll(java.time.Duration.ofMillis(100)).forEach(records::add);
                    return !records.isEmpty();
                });
                assertThat(records.get(0).value()).isEqualTo("arrival");
            } finally {
                // The consumer's next Fetch is parked for 60 s; close without waiting for it.
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(java.time.Duration.ZERO));
            }
        }
    }

    @Test
    void aRecordLargerThanMaxMessageBytesIsRefused() throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(),
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024, ProducerConfig.BUFFER_MEMORY_CONFIG, 16 * 1024 * 1024))) {
            String big = "x".repeat(2 * 1024 * 1024);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("big", 0, null, big)).get())
                    .hasCauseInstanceOf(RecordTooLargeException.class);
            assertThat(producer.send(new ProducerRecord<>("big", 0, null, "small")).get().offset()).isZero();
        }
    }
}
