package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.PackagedBroker;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the packaged broker under an idempotent producer: the producer retries what was not
 * acknowledged, the restarted broker recognises batches it already has (producer state rebuilt
 * from the log), and a consumer then sees every record exactly once, in order; every record that
 * was acknowledged before the kill is there.
 */
class IdempotentCrashIT {
    @TempDir
    Path tmp;

    @Test
    void acknowledgedRecordsSurviveAndRetriesAreNotDuplicated() throws Exception {
        int total = 20_000;
        try (PackagedBroker broker = new PackagedBroker(tmp.resolve("data"))) {
            broker.start();
            String bootstrap = "127.0.0.1:" + broker.kafkaPort();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, Map.of(
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50, ProducerConfig.BATCH_SIZE_CONFIG, 4096))) {
                for (int i = 0; i < total; i++) {
                    sent.add(producer.send(new ProducerRecord<>("crash", 0, null, Integer.toString(i))));
                    if (i == total / 2) {
                        // Batches are in flight: some written, some not, none of the latest answered.
                        broker.kill();
                        broker.start();
                    }
                }
                producer.flush();
            }
            for (Future<RecordMetadata> f : sent) {
                assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
            }
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(bootstrap, Map.of())) {
                consumer.assign(List.of(new TopicPartition("crash", 0)));
                List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, total);
                assertThat(records).hasSize(total);
                for (int i = 0; i < total; i++) {
                    assertThat(records.get(i).value()).isEqualTo(Integer.toString(i));
                }
            }
        }
    }
}
