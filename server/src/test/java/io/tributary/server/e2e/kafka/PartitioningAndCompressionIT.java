package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.KafkaSettings;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyed records land where the default partitioner says; every compression codec round-trips. */
class PartitioningAndCompressionIT {
    private static final int PARTITIONS = 6;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(KafkaSettings.NUM_PARTITIONS, PARTITIONS));

    @Test
    void keyedRecordsLandInTheDefaultPartitionersPartitionInOrder() throws Exception {
        String topic = "keyed";
        Map<String, Integer> expected = new HashMap<>();
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String key = "key-" + (i % 30);
                sent.add(producer.send(new ProducerRecord<>(topic, key, key + ":" + i)));
                expected.put(key, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS);
            }
            for (int i = 0; i < sent.size(); i++) {
                assertThat(sent.get(i).get().partition()).isEqualTo(expected.get("key-" + (i % 30)));
            }
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                all.add(new TopicPartition(topic, p));
            }
            consumer.assign(all);
            Map<String, Integer> lastSeen = new HashMap<>();
            for (ConsumerRecord<String, String> r : KafkaClients.pollUntil(consumer, 300)) {
                assertThat(r.partition()).isEqualTo(expected.get(r.key()));
                int n = Integer.parseInt(r.value().substring(r.value().indexOf(':') + 1));
                assertThat(n).isGreaterThan(lastSeen.getOrDefault(r.key(), -1));
                lastSeen.put(r.key(), n);
            }
            assertThat(lastSeen).hasSize(30);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyCompressionCodecRoundTrips(String codec) throws Exception {
        String topic = "compressed-" + codec;
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            big.append("compressible text ").append(i).append(' ');
        }
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(),
                Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec, ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024))) {
            for (int i = 0; i < 200; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, i + ":" + big));
            }
            producer.flush();
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), Map.of())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 200);
            assertThat(records).hasSize(200);
            for (int i = 0; i < 200; i++) {
                assertThat(records.get(i).offset()).isEqualTo(i);
                assertThat(records.get(i).value()).isEqualTo(i + ":" + big);
            }
        }
    }
}
