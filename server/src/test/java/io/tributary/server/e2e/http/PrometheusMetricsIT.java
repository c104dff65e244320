package io.tributary.server.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.config.ManagementSettings;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} in Prometheus text format carries the figures the management API shows: queue
 * depths, the broker-wide totals, topic records, the message counters; a deleted queue's series go.
 */
class PrometheusMetricsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(ManagementSettings.SAMPLE_INTERVAL_MS, 200L));

    private Api api() {
        return new Api(BROKER.get().httpBase(), "guest", "guest");
    }

    /** The value of the one sample of {@code name} whose labels include every {@code k="v"} given. */
    private static double sample(String exposition, String name, String... labels) {
        double[] found = exposition.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .toArray();
        assertThat(found).as("samples of %s %s", name, Arrays.toString(labels)).hasSize(1);
        return found[0];
    }

    @Test
    void consumerGroupLagIsExportedPerPartitionAsTheApiShowsIt() throws Exception {
        api().put("/api/topics/prom.lag", "{\"partitions\":2}");
        try (KafkaProducer<String, String> producer = BROKER.get().stringProducer()) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>("prom.lag", i % 2, "k", "v" + i)).get();
            }
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.get().kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "prom.readers");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.commitSync(Map.of(new TopicPartition("prom.lag", 0), new OffsetAndMetadata(1),
                    new TopicPartition("prom.lag", 1), new OffsetAndMetadata(3)));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String m = api().get("/metrics").text();
            assertThat(sample(m, "tributary_kafka_consumer_group_lag", "group=\"prom.readers\"", "topic=\"prom.lag\"", "partition=\"0\""))
                    .isEqualTo(2.0);
            assertThat(sample(m, "tributary_kafka_consumer_group_lag", "group=\"prom.readers\"", "partition=\"1\"")).isEqualTo(0.0);
        });
        assertThat(api().get("/api/consumer-groups/prom.readers").body().path("lag").asLong()).isEqualTo(2);
        assertThat(api().delete("/api/consumer-groups/prom.readers").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api().get("/metrics").text())
                .doesNotContain("group=\"prom.readers\""));
    }

    @Test
    void queueDepthsTotalsAndTopicRecordsMatchTheApi() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(BROKER.get().amqpPort());
        api().put("/api/topics/prom.t", "{\"partitions\":2}");
        try (Connection c = f.newConnection(); KafkaProducer<String, String> producer = BROKER.get().stringProducer()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("prom.q", false, false, false, null);
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", "prom.q", null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>("prom.t", i % 2, "k", "v" + i)).get();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/api/queues/%2F/prom.q").body().path("messages").asInt() == 3);
            assertThat(ch.basicGet("prom.q", false)).isNotNull();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Api.Reply scrape = api().as(null, null).get("/metrics");
                assertThat(scrape.status()).isEqualTo(200);
                assertThat(scrape.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
                String m = scrape.text();
                JsonNode q = api().get("/api/queues/%2F/prom.q").body();
                assertThat(sample(m, "tributary_queue_messages_ready", "queue=\"prom.q\"", "vhost=\"/\""))
                        .isEqualTo(q.path("messages_ready").asDouble()).isEqualTo(2.0);
                assertThat(sample(m, "tributary_queue_messages_unacked", "queue=\"prom.q\"")).isEqualTo(1.0);
                assertThat(sample(m, "tributary_queue_messages_published_total", "queue=\"prom.q\"")).isEqualTo(3.0);
                JsonNode totals = api().get("/api/overview").body().path("queue_totals");
                assertThat(sample(m, "tributary_messages_ready")).isEqualTo(totals.path("messages_ready").asDouble());
                assertThat(sample(m, "tributary_messages_unacked")).isEqualTo(1.0);
                assertThat(sample(m, "tributary_messages_published_total")).isGreaterThanOrEqualTo(3.0);
                assertThat(sample(m, "tributary_messages_delivered_total")).isGreaterThanOrEqualTo(1.0);
                assertThat(sample(m, "tributary_amqp_connections")).isEqualTo(1.0);
                assertThat(sample(m, "tributary_kafka_records_produced_total")).isGreaterThanOrEqualTo(4.0);
                assertThat(sample(m, "tributary_topic_messages", "topic=\"prom.t\""))
                        .isEqualTo(api().get("/api/topics/prom.t").body().path("messages").asDouble()).isEqualTo(4.0);
                assertThat(sample(m, "tributary_topic_records_appended_total", "topic=\"prom.t\"")).isEqualTo(4.0);
                assertThat(m).contains("# TYPE tributary_queue_messages_ready gauge", "# TYPE tributary_messages_published_total counter",
                        "# HELP tributary_topic_messages ");
            });
        }
        assertThat(api().delete("/api/queues/%2F/prom.q").status()).isEqualTo(204);
        assertThat(api().delete("/api/topics/prom.t").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api().get("/metrics").text())
                .doesNotContain("queue=\"prom.q\"").doesNotContain("topic=\"prom.t\""));
    }
}
