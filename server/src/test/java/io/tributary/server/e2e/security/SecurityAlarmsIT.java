package io.tributary.server.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.amqp.ResourceAlarm;
import io.tributary.server.testing.BrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The disk-free alarm, driven through its monitor (the limit raised above the free space, then set
 * back): AMQP 0-9-1 publishers get connection.blocked, AMQP 1.0 senders no credit, Kafka producers'
 * requests are held; consumers keep consuming; everyone resumes when it clears.
 */
class SecurityAlarmsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    static ResourceAlarm alarm() {
        return BROKER.get().broker().amqp().context().alarm();
    }

    static void diskLow(boolean low) {
        BROKER.get().broker().amqp().diskMonitor().setLimit(low ? Long.MAX_VALUE : 0);
        await().until(() -> alarm().raised(ResourceAlarm.DISK) == low);
    }

    @AfterEach
    void clear() {
        diskLow(false);
    }

    @Test
    void amqp091PublishersAreBlockedAndUnblockedConsumersGoOn() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Connection publisher = SecurityAmqp091IT.factory(BROKER.get(), "guest", "guest").newConnection();
             Connection consumer = SecurityAmqp091IT.factory(BROKER.get(), "guest", "guest").newConnection()) {
            publisher.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    events.add("blocked: " + reason);
                }

                @Override
                public void handleUnblocked() {
                    events.add("unblocked");
                }
            });
            Channel pub = publisher.createChannel();
            pub.queueDeclare("alarm-q", false, false, false, null);
            pub.confirmSelect();
            pub.basicPublish("", "alarm-q", null, "before".getBytes());
            pub.waitForConfirmsOrDie(10_000);
            diskLow(true);
            await().until(() -> events.contains("blocked: low on disk space"));
            Channel con = consumer.createChannel();
            assertThat(new String(con.basicGet("alarm-q", true).getBody())).as("consumers keep consuming").isEqualTo("before");
            diskLow(false);
            await().until(() -> events.contains("unblocked"));
            pub.basicPublish("", "alarm-q", null, "after".getBytes());
            pub.waitForConfirmsOrDie(10_000);
            await().until(() -> con.basicGet("alarm-q", true) != null);
        }
    }

    @Test
    void kafkaProduceIsHeldWhileFetchGoesOn() throws Exception {
        String bootstrap = BROKER.get().kafkaBootstrap();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class, ProducerConfig.LINGER_MS_CONFIG, 0));
             KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                     StringDeserializer.class, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            p.send(new ProducerRecord<>("alarm-t", "before")).get(30, TimeUnit.SECONDS);
            diskLow(true);
            Future<RecordMetadata> held = p.send(new ProducerRecord<>("alarm-t", "during"));
            c.assign(List.of(new TopicPartition("alarm-t", 0)));
            List<String> got = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    got.add(r.value());
                }
                return got.contains("before");
            });
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !held.isDone());
            diskLow(false);
            assertThat(held.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                c.poll(Duration.ofMillis(100)).forEach(r -> got.add(r.value()));
                return got.contains("during");
            });
        }
    }

    @Test
    void amqp10SendersGetNoCreditWhileRaised() throws Exception {
        try (jakarta.jms.Connection c = new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER.get().amqpPort()).createConnection("guest", "guest")) {
            c.start();
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageProducer producer = s.createProducer(s.createQueue("alarm-jms"));
            producer.send(s.createTextMessage("before"));
            diskLow(true);
            jakarta.jms.MessageConsumer consumer = s.createConsumer(s.createQueue("alarm-jms"));
            assertThat(((jakarta.jms.TextMessage) consumer.receive(10_000)).getText()).isEqualTo("before");
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        producer.send(s.createTextMessage("during-" + i));
                    }
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !sending.isDone());
            diskLow(false);
            sending.get(30, TimeUnit.SECONDS);
        }
    }
}
