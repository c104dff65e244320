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
    static final BrokerExtension BROKER = new BrokerExtension();
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
        Properties p = new Properties();
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
            ch.basicPublish("by-customer", "customer-" + (i % 12), null, ("event-" + i).getBytes(StandardCharsets.UTF_8));
        }
        ch.waitForConfirmsOrDie(10_000);
        ch.close();
        try (KafkaConsumer<String, byte[]> c = kafkaConsumer()) {
            c.assign(List.of(new TopicPartition("customers", 0), new TopicPartition("customers", 1), new TopicPartition("customers", 2)));
            List<ConsumerRecord<String, byte[]>> records = poll(c, 60);
            assertThat(records).hasSize(60);
            for (ConsumerRecord<String, byte[]> r : records) {
                int expected = Utils.toPositive(Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % partitions;
                assertThat(r.partition()).as(r.key()).isEqualTo(expected);
            }
        }
    }
}
