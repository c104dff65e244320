package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.KafkaSettings;
import io.tributary.server.testing.PackagedBroker;
import io.tributary.server.testing.TributaryBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Committed offsets are durable: after a broker restart, and after a consumer restart, a group's
 * consumers start exactly at the offsets it committed, for the classic and the consumer protocol.
 */
class GroupRestartIT {
    private static final int PARTITIONS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void restartedBrokerAndRestartedConsumerResumeAtTheCommittedOffsets(String protocol) throws Exception {
        String topic = "resume-" + protocol;
        String group = "resumers-" + protocol;
        try (TributaryBroker broker = TributaryBroker.start(b -> b.set(KafkaSettings.NUM_PARTITIONS, PARTITIONS)
                .set(KafkaSettings.OFFSETS_TOPIC_NUM_PARTITIONS, 4).set(KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS, 0))) {
            produce(broker, topic, 0, 30);
            try (KafkaConsumer<String, String> first = consumer(broker, group, protocol)) {
                first.subscribe(List.of(topic));
                assertThat(KafkaClients.pollUntil(first, 30)).hasSize(30);
                Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    processed.put(new TopicPartition(topic, p), new OffsetAndMetadata(4, "after-4"));
                }
                first.commitSync(processed);
            }

            broker.restart();

            try (Admin admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertThat(committed).hasSize(PARTITIONS);
                committed.values().forEach(o -> {
                    assertThat(o.offset()).isEqualTo(4);
                    assertThat(o.metadata()).isEqualTo("after-4");
                });
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
                assertThat(d.groupState()).isEqualTo(GroupState.EMPTY);
            }
            try (KafkaConsumer<String, String> second = consumer(broker, group, protocol)) {
                second.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(second, 18);
                assertThat(offsetsByPartition(records)).isEqualTo(Map.of(0, List.of(4L, 5L, 6L, 7L, 8L, 9L), 1, List.of(4L, 5L, 6L, 7L, 8L, 9L),
                        2, List.of(4L, 5L, 6L, 7L, 8L, 9L)));
                second.commitSync();
            }

            produce(broker, topic, 30, PARTITIONS);
            try (KafkaConsumer<String, String> third = consumer(broker, group, protocol)) {
                third.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(third, PARTITIONS);
                assertThat(offsetsByPartition(records)).isEqualTo(Map.of(0, List.of(10L), 1, List.of(10L), 2, List.of(10L)));
            }
        }
    }

    /**
     * {@code kill -9} of the packaged broker: every commit it acknowledged is there after the restart,
     * and a member that kept running through the crash goes on, processing every record exactly once.
     */
    @Test
    void afterKillMinusNineAcknowledgedCommitsAreThereAndALiveMemberCarriesOn(@TempDir Path tmp) throws Exception {
        String topic = "crash";
        try (PackagedBroker broker = new PackagedBroker(tmp.resolve("data"), "--num.partitions=" + PARTITIONS,
                "--offsets.topic.num.partitions=4", "--group.initial.rebalance.delay.ms=0").start()) {
            String bootstrap = "127.0.0.1:" + broker.kafkaPort();
            produce(bootstrap, topic, 0, 30);
            try (KafkaConsumer<String, String> c = KafkaClients.consumer(bootstrap, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "crash-committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
                c.subscribe(List.of(topic));
                KafkaClients.pollUntil(c, 30);
                Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    processed.put(new TopicPartition(topic, p), new OffsetAndMetadata(7));
                }
                c.commitSync(processed);
            }
            Map<String, List<String>> ledger = GroupMember.newLedger();
            Map<String, Object> config = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "crash-live", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic", ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 250,
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
            try (GroupMember live = new GroupMember("live", KafkaClients.consumer(bootstrap, config), topic, ledger)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ledger.size() == 30);
                int rebalances = live.assignmentsReceived();

                broker.kill();
                broker.start();

                produce(bootstrap, topic, 30, 30);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ledger.size() == 60 || live.failure() != null);
                assertThat(live.failure()).isNull();
                // The member's generation was read back from the log, so the coordinator needs no rebalance; the client
                // may still rejoin once on its own (kafka-clients rebootstraps its metadata while no broker answers).
                assertThat(live.assignmentsReceived()).as(() -> "rebalances of the live member; broker log:\n" + broker.log())
                        .isBetween(rebalances, rebalances + 1);
                assertThat(ledger).allSatisfy((value, members) -> assertThat(members).as(value).hasSize(1));
            }
            try (KafkaConsumer<String, String> c = KafkaClients.consumer(bootstrap, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "crash-committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
                c.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(c, 39);
                assertThat(records).hasSize(39).allSatisfy(r -> assertThat(r.offset()).isGreaterThanOrEqualTo(7));
            }
        }
    }

    private static Map<Integer, List<Long>> offsetsByPartition(List<ConsumerRecord<String, String>> records) {
        Map<Integer, List<Long>> out = new TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            out.computeIfAbsent(r.partition(), p -> new java.util.ArrayList<>()).add(r.offset());
        }
        return out;
    }

    private static KafkaConsumer<String, String> consumer(TributaryBroker broker, String group, String protocol) {
        return KafkaClients.consumer(broker.kafkaBootstrap(), Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    private static void produce(TributaryBroker broker, String topic, int from, int count) throws Exception {
        produce(broker.kafkaBootstrap(), topic, from, count);
    }

    private static void produce(String bootstrap, String topic, int from, int count) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, Map.of())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v" + i)).get();
            }
        }
    }
}
