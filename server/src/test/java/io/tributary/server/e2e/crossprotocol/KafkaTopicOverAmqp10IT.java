package io.tributary.server.e2e.crossprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.amqp.Connection;
import com.rabbitmq.client.amqp.Consumer;
import com.rabbitmq.client.amqp.Environment;
import com.rabbitmq.client.amqp.impl.AmqpEnvironmentBuilder;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RabbitMQ's AMQP 1.0 client reads a topic a KafkaProducer wrote, from an offset, through a stream declared over it. */
class KafkaTopicOverAmqp10IT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void anAmqp10StreamConsumerReadsAKafkaTopicFromAnOffset() throws Exception {
        String topic = "written-by-kafka";
        Properties p = new Properties();
        p.put("bootstrap.servers", BROKER.get().kafkaBootstrap());
        p.put("key.serializer", StringSerializer.class);
        p.put("value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, "record-" + i)).get();
            }
        }
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUri(BROKER.get().amqpUri());
        try (com.rabbitmq.client.Connection c091 = f.newConnection(); com.rabbitmq.client.Channel ch = c091.createChannel()) {
            ch.queueDeclare(topic, true, false, false, java.util.Map.of("x-queue-type", "stream"));
        }
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        try (Environment env = new AmqpEnvironmentBuilder().build();
             Connection connection = env.connectionBuilder().uri("amqp://guest:guest@127.0.0.1:" + BROKER.get().amqpPort() + "/%2f").build();
             Consumer consumer = connection.consumerBuilder().queue(topic).stream().offset(12L).builder().messageHandler((ctx, m) -> {
                 bodies.add(new String(m.body(), StandardCharsets.UTF_8));
                 ctx.accept();
             }).build()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() >= 8);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 12; i < 20; i++) {
            expected.add("record-" + i);
        }
        assertThat(bodies.subList(0, 8)).containsExactlyElementsOf(expected);
    }
}
