package io.tributary.server.e2e.cluster;

import io.tributary.server.testing.history.WriteHistory;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An idempotent {@code acks=all} kafka-clients producer writing {@code "<writer>-<seq>"} values at a
 * fixed rate (bursts every 10 ms) with at most {@code window} writes unanswered, recording every
 * send, acknowledgement and failure in a {@link WriteHistory}. The rate bounds the load a fault
 * test puts on a shared machine; the window bounds what piles up while no leader answers. The
 * producer's own retries carry writes across leader changes; a write it gives up on is recorded as
 * failed (outcome unknown).
 */
final class PacedProducer implements AutoCloseable {
    private static final long TICK_MS = 10;

    private final String writer;
    private final String topic;
    private final WriteHistory history;
    private final IntConsumer onAck;
    private final KafkaProducer<String, String> producer;
    private final Semaphore window;
    private final int perTick;
    private final ScheduledExecutorService pacer;
    private final ConcurrentMap<String, LongAdder> failures = new ConcurrentHashMap<>();
    private long seq;

    PacedProducer(String writer, String bootstrap, String topic, int perSecond, int window, WriteHistory history, IntConsumer onAck) {
        this.writer = writer;
        this.topic = topic;
        this.history = history;
        this.onAck = onAck;
        this.window = new Semaphore(window);
        this.perTick = Math.max(1, (int) (perSecond * TICK_MS / 1_000));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 8192);
        this.producer = new KafkaProducer<>(p);
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "paced-producer-" + writer);
            t.setDaemon(true);
            return t;
        });
        pacer.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Send failures by exception class (each such write is in the history as failed). */
    Map<String, LongAdder> failures() {
        return failures;
    }

    private void tick() {
        for (int i = 0; i < perTick && window.tryAcquire(); i++) {
            String value = WriteHistory.value(writer, seq++);
            history.sent(value);
            try {
                producer.send(new ProducerRecord<>(topic, value, value), (md, e) -> {
                    if (e == null) {
                        history.acked(value, md.partition(), md.offset());
                        onAck.accept(md.partition());
                    } else {
                        failed(value, e);
                    }
                    window.release();
                });
            } catch (RuntimeException e) {
                failed(value, e);
                window.release();
            }
        }
    }

    private void failed(String value, Exception e) {
        history.failed(value);
        failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    /** Stops sending and waits (up to the delivery timeout) for every write sent to be answered. */
    @Override
    public void close() throws InterruptedException {
        pacer.shutdown();
        if (!pacer.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(writer + ": a send blocked for 30 s");
        }
        producer.flush();
        producer.close(Duration.ofSeconds(10));
    }

    /** Stops at once, after a failure: unanswered writes stay unknown. */
    void abort() {
        pacer.shutdownNow();
        producer.close(Duration.ZERO);
    }
}
