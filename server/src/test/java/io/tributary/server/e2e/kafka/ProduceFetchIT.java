package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
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
}
