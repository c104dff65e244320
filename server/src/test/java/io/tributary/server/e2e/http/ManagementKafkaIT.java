package io.tributary.server.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.config.ManagementSettings;
import io.tributary.server.testing.BrokerExtension;
import java.time.Duration;
import java.util.List;
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

/** The Kafka resources: topics (partitions, offsets, configs), consumer groups with lag, streams; rates and {@code /metrics}. */
class ManagementKafkaIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(ManagementSettings.SAMPLE_INTERVAL_MS, 200L));

    private Api api() {
        return new Api(BROKER.get().httpBase(), "guest", "guest");
    }

    @Test
    void topicsAreCreatedDescribedAlteredAndDeleted() throws Exception {
        assertThat(api().put("/api/topics/t.orders", "{\"partitions\":3,\"configs\":{\"retention.ms\":\"3600000\"}}").status()).isEqualTo(201);
        assertThat(api().put("/api/topics/t.orders", "{\"partitions\":2}").status()).isEqualTo(400);
        try (KafkaProducer<String, String> p = BROKER.get().stringProducer()) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>("t.orders", 0, "k" + i, "v" + i)).get();
            }
        }
        JsonNode t = api().get("/api/topics/t.orders").body();
        assertThat(t.path("partitions").asInt()).isEqualTo(3);
        assertThat(t.path("messages").asLong()).isEqualTo(10);
        JsonNode p0 = t.path("partition_details").get(0);
        assertThat(p0.path("log_start_offset").asLong()).isZero();
        assertThat(p0.path("log_end_offset").asLong()).isEqualTo(10);
        assertThat(p0.path("high_watermark").asLong()).isEqualTo(10);
        assertThat(t.path("configs").toString()).contains("\"name\":\"retention.ms\",\"value\":\"3600000\",\"source\":\"topic\"");
        assertThat(api().put("/api/topics/t.orders/configs", "{\"retention.ms\":\"60000\",\"segment.bytes\":null}").status()).isEqualTo(204);
        assertThat(api().get("/api/topics/t.orders").body().path("overrides").path("retention.ms").asText()).isEqualTo("60000");
        assertThat(api().put("/api/topics/t.orders/configs", "{\"no.such.config\":\"1\"}").status()).isEqualTo(400);
        assertThat(api().put("/api/topics/t.orders", "{\"partitions\":4}").status()).isEqualTo(204);
        assertThat(api().get("/api/topics").body().findValuesAsText("name")).contains("t.orders").doesNotContain("__consumer_offsets");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode o = api().get("/api/overview").body();
            assertThat(o.path("message_stats").path("produce").asLong()).isGreaterThanOrEqualTo(10);
        });
        String metrics = api().get("/metrics").text();
        assertThat(metrics).contains("tributary_kafka_records_produced_total");
        assertThat(api().delete("/api/topics/t.orders").status()).isEqualTo(204);
        assertThat(api().get("/api/topics/t.orders").status()).isEqualTo(404);
    }

    @Test
    void consumerGroupsShowMembersOffsetsAndLag() throws Exception {
        api().put("/api/topics/t.lag", "{\"partitions\":1}");
        try (KafkaProducer<String, String> p = BROKER.get().stringProducer()) {
            for (int i = 0; i < 5; i++) {
                p.send(new ProducerRecord<>("t.lag", "k", "v" + i)).get();
            }
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.get().kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "g.lag");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("t.lag"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty() || !consumer.assignment().isEmpty());
            consumer.commitSync(Map.of(new TopicPartition("t.lag", 0), new OffsetAndMetadata(2)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode g = api().get("/api/consumer-groups/g.lag").body();
                assertThat(g.path("state").asText()).isEqualTo("Stable");
                assertThat(g.path("members")).hasSize(1);
                assertThat(g.path("members").get(0).path("assignment").toString()).contains("\"topic\":\"t.lag\"");
                JsonNode off = g.path("offsets").get(0);
                assertThat(off.path("committed_offset").asLong()).isEqualTo(2);
                assertThat(off.path("high_watermark").asLong()).isEqualTo(5);
                assertThat(off.path("lag").asLong()).isEqualTo(3);
            });
            assertThat(api().get("/api/consumer-groups").body().findValuesAsText("group_id")).contains("g.lag");
            assertThat(api().delete("/api/consumer-groups/g.lag").status()).isEqualTo(400);
        }
        assertThat(api().get("/api/consumer-groups/nope").status()).isEqualTo(404);
    }

    @Test
    void streamsAreDeclaredAsTopicsAndListed() {
        assertThat(api().put("/api/streams/%2F/s.events", "{\"partitions\":1,\"arguments\":{\"x-max-age\":\"1D\"}}").status()).isEqualTo(201);
        assertThat(api().put("/api/streams/%2F/s.super", "{\"partitions\":3}").status()).isEqualTo(201);
        String publish = "{\"properties\":{},\"routing_key\":\"s.events\",\"payload\":\"x\",\"payload_encoding\":\"string\"}";
        assertThat(api().post("/api/exchanges/%2F/amq.default/publish", publish).body().path("routed").asBoolean()).isTrue();
        JsonNode s = api().get("/api/streams/%2F/s.events").body();
        assertThat(s.path("type").asText()).isEqualTo("stream");
        assertThat(s.path("topic").asText()).isEqualTo("s.events");
        assertThat(s.path("partition_details").get(0).path("high_watermark").asLong()).isEqualTo(1);
        assertThat(api().get("/api/streams/%2F/s.super").body().path("type").asText()).isEqualTo("super-stream");
        assertThat(api().get("/api/streams/%2F").body().findValuesAsText("name")).contains("s.events", "s.super");
        assertThat(api().get("/api/queues/%2F/s.events").body().path("type").asText()).isEqualTo("stream");
        assertThat(api().get("/api/topics/s.super").body().path("partitions").asInt()).isEqualTo(3);
        assertThat(api().get("/api/topics/s.events").body().path("overrides").path("retention.ms").asText()).isEqualTo("86400000");
        assertThat(api().post("/api/queues/%2F/s.events/get", "{\"count\":1,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}").status())
                .isEqualTo(400);
        assertThat(api().delete("/api/streams/%2F/s.events").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/api/topics/s.events").status() == 404);
    }

    @Test
    void ratesAndDepthsAreSampledAndExportedToPrometheus() throws Exception {
        api().put("/api/queues/%2F/rates.q", "{\"durable\":false}");
        String publish = "{\"properties\":{},\"routing_key\":\"rates.q\",\"payload\":\"x\",\"payload_encoding\":\"string\"}";
        for (int i = 0; i < 20; i++) {
            api().post("/api/exchanges/%2F/amq.default/publish", publish);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode q = api().get("/api/queues/%2F/rates.q?lengths_age=60&lengths_incr=5&msg_rates_age=60&msg_rates_incr=5").body();
            assertThat(q.path("message_stats").path("publish").asLong()).isEqualTo(20);
            assertThat(q.path("messages_details").path("samples").size()).isGreaterThan(1);
        });
        JsonNode o = api().get("/api/overview?msg_rates_age=60&msg_rates_incr=5").body();
        assertThat(o.path("message_stats").path("publish").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(o.path("message_stats").path("publish_details").has("samples")).isTrue();
        assertThat(o.path("queue_totals").path("messages").asLong()).isGreaterThanOrEqualTo(20);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api().get("/metrics").text())
                .contains("tributary_queue_messages_ready{", "queue=\"rates.q\"")
                .contains("tributary_messages_published_total"));
    }
}
