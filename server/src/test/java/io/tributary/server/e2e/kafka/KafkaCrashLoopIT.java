package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.server.testing.PackagedBroker;
import io.tributary.server.testing.history.HistoryChecker;
import io.tributary.server.testing.history.HistoryReport;
import io.tributary.server.testing.history.LogRecord;
import io.tributary.server.testing.history.WriteHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged broker killed with {@code kill -9} and restarted in a loop under two idempotent
 * {@code acks=all} producers and a consumer group: the history checker then finds every
 * acknowledged record in the log exactly once at the offset it was acknowledged with, each
 * producer's records in the order sent, nothing no one wrote, consumers having read what the log
 * holds, all of it. The recovery times (kill to the next acknowledgement) are printed.
 */
class KafkaCrashLoopIT {
    private static final String TOPIC = "crash-loop";
    private static final int PARTITIONS = 3;
    private static final int KILLS = 3;

    @TempDir
    Path tmp;

    @Test
    void killNineInALoopLosesNothingAcknowledgedAndDuplicatesNothing() throws Exception {
        WriteHistory history = new WriteHistory();
        AtomicBoolean stop = new AtomicBoolean();
        try (PackagedBroker broker = new PackagedBroker(tmp.resolve("data"))) {
            broker.start();
            String bootstrap = "127.0.0.1:" + broker.kafkaPort();
            try (Admin admin = KafkaClients.admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            List<Thread> producers = IntStream.range(0, 2).mapToObj(i -> start("p" + i, () -> produce("p" + i, bootstrap, history, stop)))
                    .toList();
            Thread consumer = start("group", () -> consume(bootstrap, history, stop));

            List<Long> recoveryMillis = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = history.ackedCount();
                await().atMost(Duration.ofSeconds(60)).until(() -> history.ackedCount() >= before + 3_000);
                long killedAt = System.nanoTime();
                broker.kill();
                broker.start();
                long atRestart = history.ackedCount();
                await().atMost(Duration.ofSeconds(90)).until(() -> history.ackedCount() > atRestart);
                recoveryMillis.add((System.nanoTime() - killedAt) / 1_000_000);
            }
            stop.set(true);
            for (Thread t : producers) {
                t.join(120_000);
            }
            List<LogRecord> log = readAll(bootstrap);
            await().atMost(Duration.ofSeconds(60)).until(() -> HistoryChecker.check(history, log, true).unread().isEmpty());
            consumer.interrupt();
            HistoryReport report = HistoryChecker.check(history, log, true);
            System.out.println("KafkaCrashLoopIT: " + KILLS + " x kill -9, recovery (kill to next ack) ms " + recoveryMillis
                    + ", log " + log.size() + " records; " + report);
            assertThat(report.valid()).as(report.toString()).isTrue();
            assertThat(report.acked()).isGreaterThanOrEqualTo(KILLS * 3_000L);
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, "crash-loop-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Sends until told to stop, at most 2,000 unanswered at a time, so the pace is the broker's. */
    private static void produce(String writer, String bootstrap, WriteHistory history, AtomicBoolean stop) {
        Semaphore window = new Semaphore(2_000);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 8192))) {
            for (long seq = 0; !stop.get(); seq++) {
                String value = WriteHistory.value(writer, seq);
                window.acquireUninterruptibly();
                history.sent(value);
                producer.send(new ProducerRecord<>(TOPIC, value, value), (md, e) -> {
                    if (e == null) {
                        history.acked(value, md.partition(), md.offset());
                    } else {
                        history.failed(value);
                    }
                    window.release();
                });
            }
            producer.flush();
        }
    }

    private static void consume(String bootstrap, WriteHistory history, AtomicBoolean stop) {
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(bootstrap, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "crash-loop",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            consumer.subscribe(List.of(TOPIC));
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        history.observed(r.partition(), r.offset(), r.value());
                    }
                    consumer.commitAsync();
                } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    // The broker is down or restarting: the consumer resumes from its committed offsets.
                }
            }
        }
    }

    private static List<LogRecord> readAll(String bootstrap) {
        List<LogRecord> log = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(bootstrap, Map.of())) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> log.add(new LogRecord(r.partition(), r.offset(), r.value())));
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return log;
    }
}
