package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.PackagedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the packaged broker in the middle of a transaction: after the restart the coordinator
 * still knows the transaction; the next session of the same transactional id aborts it, so a
 * read_committed consumer never sees its records, and what was committed before the crash stays.
 */
class TransactionRestartIT {
    @TempDir
    Path tmp;

    @Test
    void aTransactionOpenAtACrashIsAbortedByTheNextSessionAndCommittedOnesStay() throws Exception {
        try (PackagedBroker broker = new PackagedBroker(tmp.resolve("data"))) {
            broker.start();
            String bootstrap = "127.0.0.1:" + broker.kafkaPort();
            Map<String, Object> txn = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crash-txn", ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
            KafkaProducer<String, String> first = KafkaClients.producer(bootstrap, txn);
            first.initTransactions();
            first.beginTransaction();
            first.send(new ProducerRecord<>("crash-txn-topic", 0, "k", "committed-before-crash"));
            first.commitTransaction();
            first.beginTransaction();
            first.send(new ProducerRecord<>("crash-txn-topic", 0, "k", "open-at-crash")).get();
            broker.kill();
            first.close(Duration.ZERO);

            broker.start();
            try (KafkaProducer<String, String> next = KafkaClients.producer(bootstrap, txn)) {
                next.initTransactions();
                next.beginTransaction();
                next.send(new ProducerRecord<>("crash-txn-topic", 0, "k", "committed-after-restart"));
                next.commitTransaction();
            }
            try (KafkaConsumer<String, String> c = KafkaClients.consumer(bootstrap, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"))) {
                c.assign(List.of(new TopicPartition("crash-txn-topic", 0)));
                List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(c, 2);
                assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed-before-crash", "committed-after-restart");
            }
        }
    }
}
