package io.tributary.server.bridge;

import io.tributary.kafka.handler.BrokerEndpoint;
import io.tributary.kafka.handler.Leadership;
import io.tributary.logstore.LogRecord;
import io.tributary.logstore.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Forwards stream publishes to their partition's leader through kafka-clients' own producer
 * (idempotent, {@code acks=all}): it finds the leader from Metadata, follows it when it moves and
 * keeps each partition's order, as any Kafka client would. Made at the first forward, from the
 * registered nodes' Kafka listeners, with their security (as the replica fetcher's).
 */
public final class LeaderForwarder implements StreamForwarder, AutoCloseable {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final Leadership leadership;
    private final Map<String, Object> security;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    /** @param security the kafka-clients security entries the other nodes' listeners ask for */
    public LeaderForwarder(Leadership leadership, Map<String, Object> security) {
        this.leadership = leadership;
        this.security = Map.copyOf(security);
    }

    @Override
    public CompletableFuture<Void> forward(TopicPartition tp, List<LogRecord> records) {
        KafkaProducer<byte[], byte[]> p;
        try {
            p = producer();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>(records.size());
        for (LogRecord r : records) {
            CompletableFuture<Void> one = new CompletableFuture<>();
            List<org.apache.kafka.common.header.Header> headers = new ArrayList<>(r.headers().size());
            r.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
            Long timestamp = r.timestamp() >= 0 ? r.timestamp() : null;
            try {
                p.send(new ProducerRecord<>(tp.topic(), tp.partition(), timestamp, r.key(), r.value(), headers), (md, e) -> {
                    if (e == null) {
                        one.complete(null);
                    } else {
                        one.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                one.completeExceptionally(e);
            }
            sent.add(one);
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("the broker is stopping");
        }
        if (producer == null) {
            List<BrokerEndpoint> brokers = leadership.brokers();
            if (brokers.isEmpty()) {
                throw new IllegalStateException("no node is registered yet");
            }
            String bootstrap = brokers.stream().map(b -> b.host() + ":" + b.port()).collect(Collectors.joining(","));
            Map<String, Object> configs = new java.util.HashMap<>(security);
            configs.putAll(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.CLIENT_ID_CONFIG, "tributary-stream-forwarder-" + leadership.nodeId(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 1,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
            producer = new KafkaProducer<>(configs);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
