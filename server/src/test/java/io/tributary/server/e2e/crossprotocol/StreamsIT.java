package io.tributary.server.e2e.crossprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AMQP streams are Kafka topics: what amqp-client publishes through exchanges, Kafka consumers read. */
class StreamsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(io.tributary.config.KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS, 0));
    static Connection amqp;

    @BeforeAll
    static void connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(BROKER.get().amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        amqp = f.newConnection();
    }

    @AfterAll
    static void disconnect() throws Exception {
        amqp.close();
    }

    private static KafkaConsumer<String, byte[]> kafkaConsumer() {
        return kafkaConsumer(new Properties());
    }

    private static KafkaConsumer<String, byte[]> kafkaConsumer(Properties p) {
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.get().kafkaBootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p);
    }

    private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> c, int count) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            c.poll(Duration.ofMillis(100)).forEach(out::add);
            return out.size() >= count;
        });
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aStreamBoundToAnExchangeIsAKafkaTopicWithTheMessagesBodiesAndProperties() throws Exception {
        Channel ch = amqp.createChannel();
        ch.queueDeclare("orders-stream", true, false, false, Map.of("x-queue-type", "stream"));
        ch.queueBind("orders-stream", "amq.topic", "orders.#");
        ch.confirmSelect();
        for (int i = 0; i < 10; i++) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json").correlationId("c" + i)
                    .headers(Map.of("region", "eu", "n", i)).deliveryMode(2).build();
            ch.basicPublish("amq.topic", "orders.created." + i, props, ("{\"order\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        ch.waitForConfirmsOrDie(10_000);
        ch.close();
        try (KafkaConsumer<String, byte[]> c = kafkaConsumer()) {
            c.assign(List.of(new TopicPartition("orders-stream", 0)));
            List<ConsumerRecord<String, byte[]>> records = poll(c, 10);
            for (int i = 0; i < 10; i++) {
                ConsumerRecord<String, byte[]> r = records.get(i);
                assertThat(r.offset()).isEqualTo(i);
                assertThat(r.key()).isEqualTo("orders.created." + i);
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"order\":" + i + "}");
                assertThat(header(r, "amqp.content-type")).isEqualTo("application/json");
                assertThat(header(r, "amqp.correlation-id")).isEqualTo("c" + i);
                assertThat(header(r, "amqp.exchange")).isEqualTo("amq.topic");
                assertThat(header(r, "region")).isEqualTo("eu");
                assertThat(header(r, "n")).isEqualTo(Integer.toString(i));
            }
        }
    }

    @Test
    void aSuperStreamPartitionsByTheRoutingKeyAsTheKafkaPartitionerWould() throws Exception {
        int partitions = 3;
        Channel ch = amqp.createChannel();
        ch.exchangeDeclare("by-customer", "topic", true);
        ch.queueDeclare("customers", true, false, false, Map.of("x-queue-type", "stream", "x-super-stream", partitions));
        ch.queueBind("customers", "by-customer", "#");
        ch.confirmSelect();
        for (int i = 0; i < 60; i++) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().headers(Map.of("n", i)).build();
            ch.basicPublish("by-customer", "customer-" + (i % 12), props, ("event-" + i).getBytes(StandardCharsets.UTF_8));
        }
        ch.waitForConfirmsOrDie(10_000);
        ch.close();
        // A Kafka consumer group reads every message: keys in the partitions Kafka's partitioner picks, headers intact.
        Properties p = new Properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "super-stream-readers");
        try (KafkaConsumer<String, byte[]> c = kafkaConsumer(p)) {
            c.subscribe(List.of("customers"));
            List<ConsumerRecord<String, byte[]>> records = poll(c, 60);
            assertThat(records).hasSize(60);
            java.util.Set<String> bodies = new java.util.HashSet<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                int expected = Utils.toPositive(Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % partitions;
                assertThat(r.partition()).as(r.key()).isEqualTo(expected);
                String body = new String(r.value(), StandardCharsets.UTF_8);
                bodies.add(body);
                assertThat(header(r, "n")).isEqualTo(body.substring("event-".length()));
            }
            assertThat(bodies).hasSize(60);
        }
    }

    /** Consumes {@code count} messages from a stream with amqp-client (manual acks, prefetch) and cancels. */
    private static List<com.rabbitmq.client.Delivery> consumeStream(String stream, Object offset, String name, int count) throws Exception {
        Channel ch = amqp.createChannel();
        ch.basicQos(50);
        List<com.rabbitmq.client.Delivery> got = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Object> args = new java.util.HashMap<>();
        if (offset != null) {
            args.put("x-stream-offset", offset);
        }
        if (name != null) {
            args.put("x-stream-consumer-name", name);
        }
        String tag = ch.basicConsume(stream, false, args, (t, d) -> {
            ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
            got.add(d);
        }, t -> { });
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> got.size() >= count);
        ch.basicCancel(tag);
        ch.close();
        return new ArrayList<>(got);
    }

    @Test
    void anAmqpStreamConsumerAndAKafkaConsumerReadTheSameRecordsFromTheSameOffset() throws Exception {
        String topic = "kafka-written";
        java.util.Properties pp = new java.util.Properties();
        pp.put("bootstrap.servers", BROKER.get().kafkaBootstrap());
        pp.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        pp.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(pp)) {
            for (int i = 0; i < 20; i++) {
                var r = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(topic, 0, "key-" + i, ("payload-" + i).getBytes(StandardCharsets.UTF_8));
                r.headers().add("trace", ("t" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        }
        Channel ch = amqp.createChannel();
        ch.queueDeclare(topic, true, false, false, Map.of("x-queue-type", "stream"));
        ch.close();
        List<com.rabbitmq.client.Delivery> fromAmqp = consumeStream(topic, 5, null, 15);
        List<ConsumerRecord<String, byte[]>> fromKafka;
        try (KafkaConsumer<String, byte[]> c = kafkaConsumer()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seek(tp, 5);
            fromKafka = poll(c, 15);
        }
        for (int i = 0; i < 15; i++) {
            com.rabbitmq.client.Delivery d = fromAmqp.get(i);
            ConsumerRecord<String, byte[]> r = fromKafka.get(i);
            assertThat(d.getBody()).isEqualTo(r.value());
            assertThat(d.getEnvelope().getRoutingKey()).isEqualTo(r.key());
            assertThat(((Number) d.getProperties().getHeaders().get("x-stream-offset")).longValue()).isEqualTo(r.offset());
            assertThat(d.getProperties().getHeaders().get("trace").toString()).isEqualTo("t" + (i + 5));
        }
    }

    @Test
    void aStreamConsumerStartsWhereAskedAndANamedOneResumesWhereItStopped() throws Exception {
        Channel ch = amqp.createChannel();
        ch.queueDeclare("resumable", true, false, false, Map.of("x-queue-type", "stream"));
        ch.confirmSelect();
        for (int i = 0; i < 30; i++) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("m" + i).headers(Map.of("seq", i)).build();
            ch.basicPublish("", "resumable", props, ("body-" + i).getBytes(StandardCharsets.UTF_8));
        }
        ch.waitForConfirmsOrDie(10_000);
        ch.close();
        List<com.rabbitmq.client.Delivery> first = consumeStream("resumable", "first", "reader", 10);
        assertThat(new String(first.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo("body-0");
        assertThat(first.get(0).getProperties().getMessageId()).isEqualTo("m0");
        assertThat(first.get(0).getProperties().getHeaders().get("seq")).isEqualTo(0);
        List<com.rabbitmq.client.Delivery> last = consumeStream("resumable", "last", null, 1);
        assertThat(new String(last.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo("body-29");
        // The named consumer stored its position when it stopped: it resumes after what it acked
        // (at least the 10 it waited for, at most everything it was sent), not from the start or the end.
        Channel more = amqp.createChannel();
        more.confirmSelect();
        for (int i = 30; i < 40; i++) {
            more.basicPublish("", "resumable", null, ("body-" + i).getBytes(StandardCharsets.UTF_8));
        }
        more.waitForConfirmsOrDie(10_000);
        more.close();
        List<com.rabbitmq.client.Delivery> resumed = consumeStream("resumable", null, "reader", 1);
        long firstResumed = ((Number) resumed.get(0).getProperties().getHeaders().get("x-stream-offset")).longValue();
        long lastDelivered = first.stream().mapToLong(d -> ((Number) d.getProperties().getHeaders().get("x-stream-offset")).longValue())
                .max().orElseThrow();
        assertThat(firstResumed).isBetween(10L, lastDelivered + 1);
    }
}
