package io.tributary.server.e2e.crossprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.tributary.server.testing.TributaryBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A topic with a source exchange: every record a KafkaProducer writes is also routed through the
 * exchange into bound AMQP queues (direct, topic and headers routing), once each, in order, and the
 * bridge carries on after a restart from where it stood.
 */
class TopicToExchangeIT {
    private static List<String> drain(Channel ch, String queue, int atLeast) {
        List<String> out = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            GetResponse r;
            while ((r = ch.basicGet(queue, true)) != null) {
                out.add(new String(r.getBody(), StandardCharsets.UTF_8));
            }
            return out.size() >= atLeast;
        });
        return out;
    }

    private static Connection amqp(TributaryBroker b) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(b.amqpUri());
        return f.newConnection();
    }

    private static void produce(TributaryBroker b, String topic, int from, int to) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", b.kafkaBootstrap());
        p.put("key.serializer", StringSerializer.class);
        p.put("value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = from; i < to; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, 0, (i % 2 == 0 ? "order.eu." : "order.us.") + i, "record-" + i);
                r.headers().add("kind", (i % 3 == 0 ? "refund" : "sale").getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        }
    }

    @Test
    void recordsProducedToATopicReachQueuesBoundToItsExchangeOnceEachAndInOrder() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = amqp(broker); Channel ch = c.createChannel()) {
                ch.exchangeDeclare("orders", "topic", true);
                ch.queueDeclare("eu-orders", true, false, false, null);
                ch.queueBind("eu-orders", "orders", "order.eu.#");
                ch.queueDeclare("all-orders", true, false, false, null);
                ch.queueBind("all-orders", "orders", "#");
                ch.exchangeDeclare("by-kind", "headers", true);
                ch.exchangeBind("by-kind", "orders", "#");
                ch.queueDeclare("refunds", true, false, false, null);
                ch.queueBind("refunds", "by-kind", "", Map.of("x-match", "all", "kind", "refund"));
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.kafkaBootstrap()))) {
                admin.createTopics(List.of(new NewTopic("orders-topic", 1, (short) 1).configs(Map.of("tributary.amqp.exchange", "orders"))))
                        .all().get();
            }
            // The bridge starts within a second of the topic; records after that are routed.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker().metadataStore().list("bridge.cursor")
                    .containsKey("orders-topic/0"));
            produce(broker, "orders-topic", 0, 30);
            try (Connection c = amqp(broker); Channel ch = c.createChannel()) {
                List<String> all = drain(ch, "all-orders", 30);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    expected.add("record-" + i);
                }
                assertThat(all).containsExactlyElementsOf(expected);
                assertThat(drain(ch, "eu-orders", 15)).hasSize(15).allMatch(v -> Integer.parseInt(v.substring(7)) % 2 == 0);
                assertThat(drain(ch, "refunds", 10)).hasSize(10).allMatch(v -> Integer.parseInt(v.substring(7)) % 3 == 0);
            }
            broker.restart();
            produce(broker, "orders-topic", 30, 40);
            try (Connection c = amqp(broker); Channel ch = c.createChannel()) {
                List<String> after = drain(ch, "all-orders", 10);
                assertThat(after).startsWith("record-30").endsWith("record-39").hasSize(10);
            }
        }
    }
    @Test
    void aTopicGetsItsSourceExchangeThroughTheHttpApi() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = amqp(broker); Channel ch = c.createChannel()) {
                ch.exchangeDeclare("by-kind-api", "direct", true);
                ch.queueDeclare("refunds-api", true, false, false, null);
                ch.queueBind("refunds-api", "by-kind-api", "refund");
            }
            // As an operator would: create the topic, then give it a source exchange routed by the "kind" header.
            assertThat(http(broker, "PUT", "/api/topics/api-orders", "{\"partitions\":1}")).isEqualTo(201);
            assertThat(http(broker, "PUT", "/api/topics/api-orders/configs",
                    "{\"tributary.amqp.exchange\":\"by-kind-api\",\"tributary.amqp.routing.key.header\":\"kind\"}")).isEqualTo(204);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker().metadataStore().list("bridge.cursor")
                    .containsKey("api-orders/0"));
            produce(broker, "api-orders", 0, 9);
            try (Connection c = amqp(broker); Channel ch = c.createChannel()) {
                assertThat(drain(ch, "refunds-api", 3)).containsExactly("record-0", "record-3", "record-6");
            }
        }
    }

    private static int http(TributaryBroker b, String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(b.httpBase() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
