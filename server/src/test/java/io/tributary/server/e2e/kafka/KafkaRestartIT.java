package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.TributaryBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A restarted broker keeps its topics, their ids and their records, and appends after them. */
class KafkaRestartIT {
    @Test
    void topicsAndRecordsSurviveARestart() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            String topicId;
            try (KafkaProducer<String, String> producer = KafkaClients.producer(broker.kafkaBootstrap(), Map.of())) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("durable", 0, "k" + i, "before-" + i)).get();
                }
            }
            try (var admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                topicId = admin.describeTopics(List.of("durable")).allTopicNames().get().get("durable").topicId().toString();
            }
            broker.restart();
            try (var admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                assertThat(admin.listTopics().names().get()).contains("durable");
                assertThat(admin.describeTopics(List.of("durable")).allTopicNames().get().get("durable").topicId().toString())
                        .isEqualTo(topicId);
            }
            try (KafkaProducer<String, String> producer = KafkaClients.producer(broker.kafkaBootstrap(), Map.of())) {
                assertThat(producer.send(new ProducerRecord<>("durable", 0, "k", "after")).get().offset()).isEqualTo(50);
            }
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(broker.kafkaBootstrap(), Map.of())) {
                consumer.assign(List.of(new TopicPartition("durable", 0)));
                List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 51);
                assertThat(records.get(0).value()).isEqualTo("before-0");
                assertThat(records.get(49).value()).isEqualTo("before-49");
                assertThat(records.get(50).value()).isEqualTo("after");
            }
        }
    }
}
