package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.ClusterSettings;
import io.tributary.server.testing.TributaryBroker;
import io.tributary.server.testing.history.HistoryChecker;
import io.tributary.server.testing.history.HistoryReport;
import io.tributary.server.testing.history.LogRecord;
import io.tributary.server.testing.history.WriteHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of a three-node cluster under load, as an operator does one: each node in turn
 * is stopped cleanly (SIGTERM: controlled shutdown hands its leaderships over and leaves the ISRs
 * first) and started again, the next one once the ISR is full again. Two idempotent
 * {@code acks=all} producers (replication factor 3, {@code min.insync.replicas=2}) and a consumer
 * group run throughout. No write may fail (no unavailability a client sees), none may be lost or
 * duplicated, and the group reads every acknowledged write; the longest pause in acknowledgements
 * per restart is printed.
 */
class RollingRestartIT {
    private static final String TOPIC = "rolling";
    private static final int PARTITIONS = 3;
    private static final Duration AWAIT = Duration.ofSeconds(60);

    private final List<TributaryBroker> nodes = new ArrayList<>();
    private final WriteHistory history = new WriteHistory();
    private final AckTimes ackTimes = new AckTimes(PARTITIONS);
    private Thread groupReader;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (groupReader != null) {
            groupReader.interrupt();
            groupReader.join(10_000);
        }
        InProcessCluster.closeAll(nodes);
    }

    @Test
    void everyNodeRestartedInTurnLosesNothingAndFailsNoWrite() throws Exception {
        nodes.addAll(InProcessCluster.start(3, InProcessCluster.peers(3), (b, id) -> b
                .set(ClusterSettings.BROKER_SESSION_TIMEOUT_MS, 3_000L).set(ClusterSettings.REPLICA_LAG_TIME_MAX_MS, 5_000L)));
        String bootstrap = bootstrap();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3).configs(Map.of("min.insync.replicas", "2")))).all().get();
            awaitFullIsr(admin);
        }
        List<PacedProducer> producers = IntStream.range(0, 2)
                .mapToObj(i -> new PacedProducer("p" + i, bootstrap, TOPIC, 300, 1_000, history, p -> ackTimes.add(p, System.nanoTime())))
                .toList();
        groupReader = new Thread(() -> readInGroup(bootstrap), "rolling-group-reader");
        groupReader.setDaemon(true);
        groupReader.start();
        List<String> pauses = new ArrayList<>();
        boolean done = false;
        try {
            for (int i = 0; i < 3; i++) {
                awaitProgress();
                long t0 = System.nanoTime();
                nodes.get(i).stop();
                awaitProgress();
                nodes.get(i).startAgain();
                try (Admin admin = admin()) {
                    awaitFullIsr(admin);
                }
                int node = i;
                pauses.add("node " + node + ": " + IntStream.range(0, PARTITIONS).mapToObj(p -> {
                    long[] s = ackTimes.longestSilence(p, t0);
                    return String.format("p%d %.2f s", p, (s[1] - s[0]) / 1e9);
                }).collect(Collectors.joining(", ")));
            }
            awaitProgress();
            done = true;
        } finally {
            for (PacedProducer p : producers) {
                if (done) {
                    p.close();
                } else {
                    p.abort();
                }
            }
        }
        List<LogRecord> log = readAll(bootstrap());
        await().atMost(AWAIT).until(() -> HistoryChecker.check(history, log, true).unread().isEmpty());
        HistoryReport report = HistoryChecker.check(history, log, true);
        System.out.println("RollingRestartIT: " + report + "; send failures " + producers.stream().map(PacedProducer::failures).toList()
                + "; longest pause in acknowledgements per restart: " + pauses);
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.unknown()).as("writes that failed during the rolling restart").isZero();
        assertThat(report.acked()).isGreaterThanOrEqualTo(3_000);
    }

    private void awaitProgress() {
        long before = history.ackedCount();
        long since = System.nanoTime();
        await().atMost(AWAIT).until(() -> history.ackedCount() >= before + 500
                && IntStream.range(0, PARTITIONS).allMatch(p -> ackTimes.last(p) > since));
    }

    private static void awaitFullIsr(Admin admin) {
        await().atMost(AWAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            for (TopicPartitionInfo p : admin.describeTopics(List.of(TOPIC)).allTopicNames().get(5, TimeUnit.SECONDS).get(TOPIC).partitions()) {
                assertThat(p.leader()).isNotNull();
                assertThat(p.isr()).as("ISR of p%d", p.partition()).hasSize(3);
            }
        });
    }

    /** A consumer group reading throughout (its coordinator moves with each restart), committing automatically. */
    private void readInGroup(String bootstrap) {
        Properties p = consumerProps(bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "rolling-readers");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(TOPIC));
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        history.observed(r.partition(), r.offset(), r.value());
                    }
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    // a coordinator or leader moving: the consumer finds the new one and goes on
                }
            }
        }
    }

    private static List<LogRecord> readAll(String bootstrap) {
        List<LogRecord> log = new ArrayList<>();
        Properties p = consumerProps(bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = IntStream.range(0, PARTITIONS).mapToObj(i -> new TopicPartition(TOPIC, i)).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(30));
            await().atMost(AWAIT).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> log.add(new LogRecord(r.partition(), r.offset(), r.value())));
                return tps.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
            });
        }
        return log;
    }

    private static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return p;
    }

    private String bootstrap() {
        return nodes.stream().map(TributaryBroker::kafkaBootstrap).collect(Collectors.joining(","));
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }
}
