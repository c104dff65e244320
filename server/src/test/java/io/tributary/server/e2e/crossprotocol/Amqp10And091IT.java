package io.tributary.server.e2e.crossprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.amqp.Connection;
import com.rabbitmq.client.amqp.Consumer;
import com.rabbitmq.client.amqp.Environment;
import com.rabbitmq.client.amqp.Message;
import com.rabbitmq.client.amqp.Publisher;
import com.rabbitmq.client.amqp.impl.AmqpEnvironmentBuilder;
import io.tributary.server.testing.BrokerExtension;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message sent over AMQP 1.0 and consumed over AMQP 0-9-1, and the reverse, keeps what both protocols
 * share: the README's AMQP 1.0 property table, checked field by field.
 */
class Amqp10And091IT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();
    static Environment environment;
    static Connection amqp10;
    static com.rabbitmq.client.Connection amqp091;

    @BeforeAll
    static void connect() throws Exception {
        environment = new AmqpEnvironmentBuilder().build();
        amqp10 = environment.connectionBuilder().uri("amqp://guest:guest@127.0.0.1:" + BROKER.get().amqpPort() + "/%2f").build();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(BROKER.get().amqpUri());
        amqp091 = f.newConnection();
    }

    @AfterAll
    static void disconnect() throws Exception {
        amqp10.close();
        environment.close();
        amqp091.close();
    }

    @Test
    void amqp10To091KeepsEveryMappedField() throws Exception {
        try (Channel ch = amqp091.createChannel()) {
            ch.queueDeclare("xp.to091", true, false, false, null);
        }
        long created = 1_700_000_000_000L;
        try (Publisher p = amqp10.publisherBuilder().queue("xp.to091").build()) {
            Message m = p.message("{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                    .contentType("application/json").contentEncoding("utf-8")
                    .messageId("msg-1").correlationId("corr-1").replyTo("/queues/xp.replies")
                    .userId("guest".getBytes(StandardCharsets.UTF_8)).creationTime(created)
                    .priority((byte) 7).ttl(Duration.ofSeconds(60)).durable(true)
                    .property("colour", "blue").property("count", 42L).property("ok", true)
                    .annotation("x-opt-trace", "t-1");
            CompletableFuture<Publisher.Status> status = new CompletableFuture<>();
            p.publish(m, ctx -> status.complete(ctx.status()));
            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(Publisher.Status.ACCEPTED);
        }
        try (Channel ch = amqp091.createChannel()) {
            GetResponse r = ch.basicGet("xp.to091", true);
            assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
            assertThat(r.getEnvelope().getExchange()).isEmpty();
            assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("xp.to091");
            AMQP.BasicProperties props = r.getProps();
            assertThat(props.getContentType()).isEqualTo("application/json");
            assertThat(props.getContentEncoding()).isEqualTo("utf-8");
            assertThat(props.getMessageId()).isEqualTo("msg-1");
            assertThat(props.getCorrelationId()).isEqualTo("corr-1");
            assertThat(props.getReplyTo()).isEqualTo("xp.replies");
            assertThat(props.getUserId()).isEqualTo("guest");
            assertThat(props.getTimestamp()).isEqualTo(new Date(created));
            assertThat(props.getPriority()).isEqualTo(7);
            assertThat(props.getExpiration()).isEqualTo("60000");
            assertThat(props.getDeliveryMode()).isEqualTo(2);
            Map<String, Object> headers = stringify(props.getHeaders());
            assertThat(headers).containsEntry("colour", "blue").containsEntry("count", 42L).containsEntry("ok", true)
                    .containsEntry("x-opt-trace", "t-1").hasSize(4);
        }
    }

    @Test
    void amqp091To10KeepsEveryMappedField() throws Exception {
        try (Channel ch = amqp091.createChannel()) {
            ch.queueDeclare("xp.to10", true, false, false, null);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("colour", "green");
            headers.put("count", 7);
            headers.put("ok", false);
            headers.put("x-custom", "xv");
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("text/plain").contentEncoding("gzip")
                    .headers(headers).deliveryMode(2).priority(3).correlationId("corr-2").replyTo("xp.replies")
                    .expiration("30000").messageId("msg-2").timestamp(new Date(1_700_000_000_000L)).type("order")
                    .userId("guest").appId("shop").build();
            ch.basicPublish("", "xp.to10", props, "from 0-9-1".getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<Message> got = new CompletableFuture<>();
        try (Consumer c = amqp10.consumerBuilder().queue("xp.to10").messageHandler((ctx, m) -> {
            ctx.accept();
            got.complete(m);
        }).build()) {
            Message m = got.get(10, TimeUnit.SECONDS);
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("from 0-9-1");
            assertThat(m.contentType()).isEqualTo("text/plain");
            assertThat(m.contentEncoding()).isEqualTo("gzip");
            assertThat(m.messageIdAsString()).isEqualTo("msg-2");
            assertThat(m.correlationIdAsString()).isEqualTo("corr-2");
            assertThat(m.replyTo()).isEqualTo("/queues/xp.replies");
            assertThat(new String(m.userId(), StandardCharsets.UTF_8)).isEqualTo("guest");
            assertThat(m.creationTime()).isEqualTo(1_700_000_000_000L);
            assertThat(m.priority()).isEqualTo((byte) 3);
            assertThat(m.ttl()).isEqualTo(Duration.ofSeconds(30));
            assertThat(m.durable()).isTrue();
            assertThat(m.firstAcquirer()).isTrue();
            assertThat(m.property("colour")).isEqualTo("green");
            assertThat(m.property("count")).isEqualTo(7);
            assertThat(m.property("ok")).isEqualTo(false);
            assertThat(m.annotation("x-custom")).isEqualTo("xv");
            assertThat(m.annotation("x-basic-type")).isEqualTo("order");
            assertThat(m.annotation("x-basic-app-id")).isEqualTo("shop");
            assertThat(m.annotation("x-exchange")).isEqualTo("");
            assertThat(m.annotation("x-routing-key")).isEqualTo("xp.to10");
        }
    }

    @Test
    void jmsTextReachesA091ConsumerAsUtf8AndRoutesOnApplicationProperties() throws Exception {
        try (Channel ch = amqp091.createChannel()) {
            ch.exchangeDeclare("xp.headers", BuiltinExchangeType.HEADERS);
            ch.queueDeclare("xp.red", true, false, false, null);
            ch.queueBind("xp.red", "xp.headers", "", Map.of("x-match", "all", "colour", "red"));
        }
        JmsConnectionFactory f = new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER.get().amqpPort());
        try (jakarta.jms.Connection c = f.createConnection("guest", "guest");
             Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            jakarta.jms.TextMessage red = s.createTextMessage("héllo rouge");
            red.setStringProperty("colour", "red");
            jakarta.jms.TextMessage blue = s.createTextMessage("bleu");
            blue.setStringProperty("colour", "blue");
            jakarta.jms.MessageProducer p = s.createProducer(s.createQueue("/exchanges/xp.headers"));
            p.send(red);
            // nothing is bound for blue: the broker answers released, which Qpid JMS reports as a failed send
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.send(blue)).hasMessageContaining("released");
        }
        try (Channel ch = amqp091.createChannel()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ch.queueDeclarePassive("xp.red").getMessageCount() == 1);
            GetResponse r = ch.basicGet("xp.red", true);
            assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("héllo rouge");
            assertThat(r.getProps().getHeaders().get("colour").toString()).isEqualTo("red");
        }
    }

    private static Map<String, Object> stringify(Map<String, Object> headers) {
        Map<String, Object> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, v instanceof com.rabbitmq.client.LongString ? v.toString() : v));
        return out;
    }
}
