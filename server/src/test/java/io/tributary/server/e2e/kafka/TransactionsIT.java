package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.KafkaSettings;
import io.tributary.server.testing.BrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly-once with real kafka-clients: transactional producers, read_committed consumers, fencing, consume-transform-produce. */
class TransactionsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS, 0));

    private static String bootstrap() {
        return BROKER.get().kafkaBootstrap();
    }

    private static KafkaProducer<String, String> transactional(String id) {
        KafkaProducer<String, String> p = KafkaClients.producer(bootstrap(), Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000));
        p.initTransactions();
        return p;
    }

    private static KafkaConsumer<String, String> consumer(String isolation, Map<String, Object> more) {
        Map<String, Object> props = new HashMap<>(more);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return KafkaClients.consumer(bootstrap(), props);
    }

    private static List<String> readAll(String topic, String isolation, int atLeast) {
        try (KafkaConsumer<String, String> c = consumer(isolation, Map.of())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            return KafkaClients.pollUntil(c, atLeast).stream().map(ConsumerRecord::value).toList();
        }
    }

    @Test
    void committedRecordsAreVisibleToReadCommittedConsumersAndAbortedOnesNever() throws Exception {
        String topic = "txn-visibility";
        try (KafkaProducer<String, String> p = transactional("visibility")) {
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "committed-1"));
            p.send(new ProducerRecord<>(topic, 0, "k", "committed-2"));
            p.commitTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "aborted-1"));
            p.flush();
            p.abortTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "committed-3"));
            p.commitTransaction();
        }
        assertThat(readAll(topic, "read_committed", 3)).containsExactly("committed-1", "committed-2", "committed-3");
        assertThat(readAll(topic, "read_uncommitted", 4)).containsExactly("committed-1", "committed-2", "aborted-1", "committed-3");
    }

    @Test
    void anOpenTransactionIsInvisibleToReadCommittedUntilItCommits() throws Exception {
        String topic = "txn-open";
        try (KafkaProducer<String, String> p = transactional("open");
                KafkaConsumer<String, String> c = consumer("read_committed", Map.of())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "pending")).get();
            assertThat(c.poll(Duration.ofMillis(500))).isEmpty();
            p.commitTransaction();
            assertThat(KafkaClients.pollUntil(c, 1).get(0).value()).isEqualTo("pending");
        }
    }

    @Test
    void aNewProducerWithTheSameTransactionalIdFencesTheOldOne() throws Exception {
        String topic = "txn-fencing";
        KafkaProducer<String, String> zombie = transactional("fenced");
        try {
            zombie.beginTransaction();
            zombie.send(new ProducerRecord<>(topic, 0, "k", "zombie")).get();
            try (KafkaProducer<String, String> successor = transactional("fenced")) {
                successor.beginTransaction();
                successor.send(new ProducerRecord<>(topic, 0, "k", "successor"));
                successor.commitTransaction();
            }
            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class);
        } finally {
            zombie.close(Duration.ZERO);
        }
        assertThat(readAll(topic, "read_committed", 1)).containsExactly("successor");
    }

    @Test
    void consumeTransformProduceWithAbortsYieldsEveryInputExactlyOnce() throws Exception {
        String in = "ctp-in";
        String out = "ctp-out";
        String group = "ctp-group";
        int count = 200;
        try (KafkaProducer<String, String> source = KafkaClients.producer(bootstrap(), Map.of())) {
            for (int i = 0; i < count; i++) {
                source.send(new ProducerRecord<>(in, 0, "k" + i, Integer.toString(i)));
            }
            source.flush();
        }
        int round = 0;
        try (KafkaProducer<String, String> p = transactional("ctp");
                KafkaConsumer<String, String> c = consumer("read_committed", Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 17))) {
            c.subscribe(List.of(in));
            long committedInputs = 0;
            while (committedInputs < count) {
                ConsumerRecords<String, String> batch = c.poll(Duration.ofMillis(200));
                if (batch.isEmpty()) {
                    continue;
                }
                p.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, String> r : batch) {
                    p.send(new ProducerRecord<>(out, 0, r.key(), "out-" + r.value()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                p.sendOffsetsToTransaction(offsets, c.groupMetadata());
                if (++round % 3 == 0) {
                    // Injected failure: the output and the offsets go away together; the input is read again.
                    p.abortTransaction();
                    for (TopicPartition tp : offsets.keySet()) {
                        OffsetAndMetadata committed = c.committed(java.util.Set.of(tp)).get(tp);
                        c.seek(tp, committed == null ? 0 : committed.offset());
                    }
                } else {
                    p.commitTransaction();
                    committedInputs = offsets.values().stream().mapToLong(OffsetAndMetadata::offset).max().orElse(committedInputs);
                }
            }
        }
        List<String> output = readAll(out, "read_committed", count);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("out-" + i);
        }
        assertThat(output).containsExactlyElementsOf(expected);
        // read_uncommitted also sees the aborted rounds' output (pollUntil stops at its count, so ask for one more)
        assertThat(readAll(out, "read_uncommitted", count + 1)).hasSizeGreaterThan(count);
    }

    @Test
    void adminDescribesAndListsTransactions() throws Exception {
        try (KafkaProducer<String, String> p = transactional("described"); Admin admin = KafkaClients.admin(bootstrap())) {
            p.beginTransaction();
            p.send(new ProducerRecord<>("txn-admin", 0, "k", "v")).get();
            TransactionDescription d = admin.describeTransactions(List.of("described")).all().get().get("described");
            assertThat(d.state().toString()).isEqualTo("Ongoing");
            assertThat(d.topicPartitions()).containsExactly(new TopicPartition("txn-admin", 0));
            Awaitility.await().until(() -> admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId)
                    .anyMatch("described"::equals));
            p.commitTransaction();
            assertThat(admin.describeTransactions(List.of("described")).all().get().get("described").state().toString())
                    .isEqualTo("CompleteCommit");
        }
    }
}
