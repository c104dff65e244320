package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.server.testing.history.HistoryChecker;
import io.tributary.server.testing.history.HistoryReport;
import io.tributary.server.testing.history.LogRecord;
import io.tributary.server.testing.history.WriteHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged brokers on loopback, a topic of replication factor 3 with {@code min.insync.replicas=2},
 * two idempotent {@code acks=all} producers writing through all three nodes and an {@code assign()}
 * reader following the log, while faults are injected one after another: {@code kill -9} of the
 * leader of partition 0 (restarted once the others took over), {@code SIGSTOP} of a leader for twice
 * {@code replica.lag.time.max.ms} (then {@code SIGCONT}), and {@code kill -9} plus restart of the two
 * other nodes in turn, each time waiting for the full ISR first. Afterwards the history checker finds
 * every acknowledged write in the log exactly once at the offset it was acknowledged with, each
 * producer's writes in order, nothing no one wrote, and the reader having seen only what the log
 * holds. For each fault it prints when the new leaders were visible in Metadata and when
 * acknowledgements resumed on each partition.
 */
class ReplicatedFailoverIT {
    private static final String TOPIC = "failover-under-load";
    private static final int PARTITIONS = 3;
    private static final long LAG_MS = 3_000;
    /** Writes a second per producer: enough to catch a lost or duplicated write at every fault, little enough for 2 shared cores. */
    private static final int RATE = 500;
    private static final int WINDOW = 1_000;
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private PackagedCluster cluster;
    private final WriteHistory history = new WriteHistory();
    private final AckTimes ackTimes = new AckTimes(PARTITIONS);
    private final long startedAt = System.nanoTime();
    private final List<String> recoveries = new ArrayList<>();
    private String bootstrap;
    private Thread reader;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (reader != null) {
            reader.interrupt();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killPauseAndRestartLoopLoseNoAcknowledgedWriteAndDuplicateNone() throws Throwable {
        try {
            run();
        } catch (Throwable t) {
            recoveries.forEach(r -> System.out.println("ReplicatedFailoverIT: " + r));
            if (cluster != null) {
                cluster.printLogs(l -> l.contains(TOPIC) || l.contains(" WARN ") || l.contains(" ERROR "));
            }
            throw t;
        }
    }

    private void run() throws Exception {
        startCluster();
        phase("cluster started");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3).configs(Map.of("min.insync.replicas", "2"))),
                    new CreateTopicsOptions().timeoutMs(60_000)).all().get();
            awaitAllInSync(admin);

            List<PacedProducer> producers = IntStream.range(0, 2)
                    .mapToObj(i -> new PacedProducer("p" + i, bootstrap, TOPIC, RATE, WINDOW, history, this::acked)).toList();
            reader = start("reader", this::follow);
            boolean faultsDone = false;
            try {
                // 1. kill -9 the leader of partition 0; restart it once the others lead and acknowledge
                awaitProgress();
                int leader = leaderOf(admin, 0);
                Set<Integer> led = ledBy(admin, leader);
                long t0 = System.nanoTime();
                cluster.node(leader).kill();
                recovered(admin, "kill -9 node " + leader + " (leader of p0)", leader, led, t0);
                restart(leader);
                awaitAllInSync(admin);

                // 2. SIGSTOP a leader for twice the lag time, then SIGCONT: it must step down, truncate and rejoin
                awaitProgress();
                int stopped = leaderOf(admin, 1);
                led = ledBy(admin, stopped);
                t0 = System.nanoTime();
                cluster.pause(stopped);
                recovered(admin, "SIGSTOP node " + stopped + " (leader of p1) for " + 2 * LAG_MS + " ms", stopped, led, t0);
                // the scenario: it stays stopped for twice replica.lag.time.max.ms, and leads nothing all that time
                long left = Math.max(1, 2 * LAG_MS - (System.nanoTime() - t0) / 1_000_000);
                await().during(Duration.ofMillis(left)).atMost(Duration.ofMillis(left).plus(AWAIT)).pollInterval(Duration.ofMillis(250))
                        .until(() -> !leaders(admin).containsValue(stopped));
                cluster.resume(stopped);
                phase("node " + stopped + " continued");
                awaitAllInSync(admin);

                // 3. kill -9 and restart, in turn, the two nodes fault 1 did not kill
                for (int i = 1; i <= 2; i++) {
                    int node = (leader + i) % cluster.size();
                    awaitProgress();
                    led = ledBy(admin, node);
                    t0 = System.nanoTime();
                    cluster.node(node).kill();
                    recovered(admin, "restart loop: kill -9 node " + node + " (leader of " + partitions(led) + ")", node, led, t0);
                    restart(node);
                    awaitAllInSync(admin);
                }
                awaitProgress();
                faultsDone = true;
            } finally {
                for (PacedProducer p : producers) {
                    if (faultsDone) {
                        p.close();
                    } else {
                        p.abort();
                    }
                }
            }

            phase("producers stopped");
            List<LogRecord> log = readAll();
            phase("log read");
            await().atMost(AWAIT).pollInterval(Duration.ofSeconds(1)).until(() -> HistoryChecker.check(history, log, true).unread().isEmpty());
            reader.interrupt();
            reader.join(10_000);
            HistoryReport report = HistoryChecker.check(history, log, true);
            System.out.println("ReplicatedFailoverIT: log " + log.size() + " records (per partition " + perPartition(log)
                    + "), send failures " + producers.stream().map(PacedProducer::failures).toList() + "; " + report);
            recoveries.forEach(r -> System.out.println("ReplicatedFailoverIT: " + r));
            assertThat(report.valid()).as(report.toString()).isTrue();
            assertThat(report.acked()).isGreaterThanOrEqualTo(6 * 1_000L);
        }
    }

    // ---- the cluster ----

    private void startCluster() throws IOException {
        cluster = new PackagedCluster(tmp, 3, "--broker.session.timeout.ms=2000", "--replica.lag.time.max.ms=" + LAG_MS).start();
        bootstrap = cluster.stream().map(n -> "127.0.0.1:" + n.kafkaPort()).collect(Collectors.joining(","));
    }

    private void restart(int node) {
        phase(String.format("node %d restarted in %.1f s", node, cluster.restart(node)));
    }

    /**
     * Waits until no partition the faulted node led is led by it any more, then until every
     * partition acknowledged writes again after that; records when the new leaders were visible and
     * when each partition's longest silence since the fault ended: on the partitions the node led
     * (a new leader), and on the others (acks=all waits for the node until it leaves the ISR).
     */
    private void recovered(Admin admin, String fault, int node, Set<Integer> led, long t0) {
        long leaderAt = await().atMost(AWAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<Integer, Integer> leaders = leaders(admin);
            return leaders.size() == PARTITIONS && !leaders.containsValue(node) && !leaders.containsValue(-1) ? System.nanoTime() : 0L;
        }, t -> t > 0);
        phase(fault + ": leaders moved");
        await().atMost(AWAIT).until(() -> IntStream.range(0, PARTITIONS).allMatch(p -> ackTimes.last(p) > leaderAt));
        String ledStall = led.stream().map(p -> silence(p, t0)).collect(Collectors.joining(", "));
        String otherStall = IntStream.range(0, PARTITIONS).filter(p -> !led.contains(p)).mapToObj(p -> silence(p, t0))
                .collect(Collectors.joining(", "));
        recoveries.add(String.format("%s: new leader in Metadata after %.1f s; no acknowledgement (relative to the fault) on the"
                + " partitions it led %s, on the others %s", fault, (leaderAt - t0) / 1e9, ledStall.isEmpty() ? "-" : ledStall, otherStall));
    }

    private String silence(int partition, long t0) {
        long[] s = ackTimes.longestSilence(partition, t0);
        return String.format("p%d %.1f..%.1f s", partition, (s[0] - t0) / 1e9, (s[1] - t0) / 1e9);
    }

    /** Waits until at least 1,000 more writes were acknowledged, some on every partition: the load runs. */
    private void awaitProgress() {
        long before = history.ackedCount();
        long since = System.nanoTime();
        await().atMost(AWAIT).until(() -> history.ackedCount() >= before + 1_000
                && IntStream.range(0, PARTITIONS).allMatch(p -> ackTimes.last(p) > since));
    }

    private void phase(String what) {
        System.out.printf("ReplicatedFailoverIT +%.1f s: %s (%d acknowledged)%n", (System.nanoTime() - startedAt) / 1e9, what,
                history.ackedCount());
    }

    private void awaitAllInSync(Admin admin) {
        await().atMost(AWAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            for (TopicPartitionInfo p : admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()) {
                assertThat(p.leader()).as("leader of p%d", p.partition()).isNotNull();
                assertThat(p.leader().isEmpty()).as("p%d has no leader", p.partition()).isFalse();
                assertThat(p.isr()).as("ISR of p%d", p.partition()).hasSize(3);
            }
        });
    }

    private static Map<Integer, Integer> leaders(Admin admin) {
        try {
            return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(3, TimeUnit.SECONDS).get(TOPIC).partitions().stream()
                    .collect(Collectors.toMap(TopicPartitionInfo::partition,
                            p -> p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id()));
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static int leaderOf(Admin admin, int partition) {
        return await().atMost(AWAIT).until(() -> leaders(admin).getOrDefault(partition, -1), l -> l >= 0);
    }

    private static Set<Integer> ledBy(Admin admin, int node) {
        Map<Integer, Integer> leaders = await().atMost(AWAIT).until(() -> leaders(admin), m -> m.size() == PARTITIONS);
        return leaders.entrySet().stream().filter(e -> e.getValue() == node).map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String partitions(Set<Integer> led) {
        return led.isEmpty() ? "no partition" : led.stream().map(p -> "p" + p).collect(Collectors.joining(", "));
    }

    // ---- the clients ----

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, "failover-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void acked(int partition) {
        ackTimes.add(partition, System.nanoTime());
    }

    /** Follows every partition from the start with assign() (no group: coordinators are still per node). */
    private void follow() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> tps = topicPartitions();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        history.observed(r.partition(), r.offset(), r.value());
                    }
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    // a leader is down or moving: the consumer refreshes its metadata and goes on from its position
                }
            }
        }
    }

    /** Every partition from its start to its end (the high watermark), read once: no offset reset may re-read. */
    private List<LogRecord> readAll() {
        List<LogRecord> log = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("none")) {
            List<TopicPartition> tps = topicPartitions();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(30));
            await().atMost(AWAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> log.add(new LogRecord(r.partition(), r.offset(), r.value())));
                Map<TopicPartition, Long> positions = tps.stream().collect(Collectors.toMap(tp -> tp, consumer::position));
                assertThat(tps).as("positions %s, ends %s, %d records read", positions, end, log.size())
                        .allMatch(tp -> positions.get(tp) >= end.get(tp));
            });
        }
        return log;
    }

    private KafkaConsumer<String, String> consumer() {
        return consumer("earliest");
    }

    private KafkaConsumer<String, String> consumer(String offsetReset) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaConsumer<>(p);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_500,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50));
    }

    private static List<TopicPartition> topicPartitions() {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
    }

    private static Map<Integer, Long> perPartition(List<LogRecord> log) {
        return log.stream().collect(Collectors.groupingBy(LogRecord::partition, java.util.TreeMap::new, Collectors.counting()));
    }

}
