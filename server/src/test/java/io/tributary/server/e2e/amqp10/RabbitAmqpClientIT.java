package io.tributary.server.e2e.amqp10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.amqp.Connection;
import com.rabbitmq.client.amqp.Consumer;
import com.rabbitmq.client.amqp.Environment;
import com.rabbitmq.client.amqp.Message;
import com.rabbitmq.client.amqp.Publisher;
import com.rabbitmq.client.amqp.impl.AmqpEnvironmentBuilder;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RabbitMQ's AMQP 1.0 Java client ({@code com.rabbitmq.client:amqp-client}) against the broker. One
 * test declares its topology through the client's management API ({@code /management}); the others
 * declare it over AMQP 0-9-1 and check it from there.
 */
class RabbitAmqpClientIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();
    static Environment environment;
    static Connection connection;
    static com.rabbitmq.client.Connection amqp091;

    @BeforeAll
    static void connect() throws Exception {
        environment = new AmqpEnvironmentBuilder().build();
        connection = environment.connectionBuilder().uri("amqp://guest:guest@127.0.0.1:" + BROKER.get().amqpPort() + "/%2f").build();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(BROKER.get().amqpUri());
        amqp091 = f.newConnection();
    }

    @AfterAll
    static void disconnect() throws Exception {
        connection.close();
        environment.close();
        amqp091.close();
    }

    private static Publisher.Status publish(Publisher p, Message m) throws Exception {
        CompletableFuture<Publisher.Status> outcome = new CompletableFuture<>();
        p.publish(m, ctx -> outcome.complete(ctx.status()));
        return outcome.get(10, TimeUnit.SECONDS);
    }

    @Test
    void publishToExchangeAddressesRoutesByKeyAndSubject() throws Exception {
        try (Channel ch = amqp091.createChannel()) {
            ch.exchangeDeclare("r10.direct", BuiltinExchangeType.DIRECT);
            ch.queueDeclare("r10.q1", true, false, false, null);
            ch.queueBind("r10.q1", "r10.direct", "k1");
            ch.queueDeclare("r10.q2", true, false, false, null);
            ch.queueBind("r10.q2", "r10.direct", "k2");
        }
        try (Publisher fixed = connection.publisherBuilder().exchange("r10.direct").key("k1").build();
             Publisher bySubject = connection.publisherBuilder().exchange("r10.direct").build();
             Publisher toQueue = connection.publisherBuilder().queue("r10.q2").build()) {
            assertThat(publish(fixed, fixed.message("one".getBytes(StandardCharsets.UTF_8)))).isEqualTo(Publisher.Status.ACCEPTED);
            assertThat(publish(bySubject, bySubject.message("two".getBytes(StandardCharsets.UTF_8)).subject("k2")))
                    .isEqualTo(Publisher.Status.ACCEPTED);
            assertThat(publish(toQueue, toQueue.message("three".getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(Publisher.Status.ACCEPTED);
            assertThat(publish(bySubject, bySubject.message("nowhere".getBytes(StandardCharsets.UTF_8)).subject("none")))
                    .isEqualTo(Publisher.Status.RELEASED);
        }
        try (Channel ch = amqp091.createChannel()) {
            assertThat(new String(ch.basicGet("r10.q1", true).getBody(), StandardCharsets.UTF_8)).isEqualTo("one");
            List<String> q2 = List.of(new String(ch.basicGet("r10.q2", true).getBody(), StandardCharsets.UTF_8),
                    new String(ch.basicGet("r10.q2", true).getBody(), StandardCharsets.UTF_8));
            assertThat(q2).containsExactly("two", "three");
        }
    }

    @Test
    void managementDeclaresQueuesExchangesAndBindings() throws Exception {
        com.rabbitmq.client.amqp.Management m = connection.management();
        com.rabbitmq.client.amqp.Management.QueueInfo created = m.queue("r10.managed").declare();
        assertThat(created.name()).isEqualTo("r10.managed");
        assertThat(created.durable()).isTrue();
        assertThat(created.messageCount()).isZero();
        m.exchange("r10.managed.x").type(com.rabbitmq.client.amqp.Management.ExchangeType.TOPIC).declare();
        m.binding().sourceExchange("r10.managed.x").destinationQueue("r10.managed").key("orders.#").bind();
        try (Publisher p = connection.publisherBuilder().exchange("r10.managed.x").key("orders.new").build()) {
            assertThat(publish(p, p.message("routed".getBytes(StandardCharsets.UTF_8)))).isEqualTo(Publisher.Status.ACCEPTED);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> m.queueInfo("r10.managed").messageCount() == 1);
        assertThat(m.queuePurge("r10.managed").messageCount()).isEqualTo(1);
        m.unbind().sourceExchange("r10.managed.x").destinationQueue("r10.managed").key("orders.#").unbind();
        try (Publisher p = connection.publisherBuilder().exchange("r10.managed.x").key("orders.new").build()) {
            assertThat(publish(p, p.message("unbound".getBytes(StandardCharsets.UTF_8)))).isEqualTo(Publisher.Status.RELEASED);
        }
        m.exchangeDelete("r10.managed.x");
        m.queueDelete("r10.managed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.queueInfo("r10.managed"))
                .isInstanceOf(com.rabbitmq.client.amqp.AmqpException.AmqpEntityDoesNotExistException.class);
        com.rabbitmq.client.amqp.Management.QueueInfo exclusive = m.queue().exclusive(true).declare();
        assertThat(exclusive.name()).isNotBlank();
        assertThat(exclusive.exclusive()).isTrue();
    }

    @Test
    void quorumQueuesAreDeclaredWithTheirDeliveryLimit() throws Exception {
        com.rabbitmq.client.amqp.Management m = connection.management();
        com.rabbitmq.client.amqp.Management.QueueInfo q = m.queue("r10.quorum").type(com.rabbitmq.client.amqp.Management.QueueType.QUORUM)
                .quorum().deliveryLimit(3).queue().declare();
        assertThat(q.type()).isEqualTo(com.rabbitmq.client.amqp.Management.QueueType.QUORUM);
        assertThat(m.queueInfo("r10.quorum").arguments().get("x-delivery-limit")).hasToString("3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.queue("r10.quorum.mine")
                .type(com.rabbitmq.client.amqp.Management.QueueType.QUORUM).exclusive(true).declare())
                .isInstanceOf(com.rabbitmq.client.amqp.AmqpException.class).hasMessageContaining("exclusive-owner");
        m.queueDelete("r10.quorum");
    }

    @Test
    void consumerReceivesNoMoreThanItsCreditUntilItSettles() throws Exception {
        try (Channel ch = amqp091.createChannel()) {
            ch.queueDeclare("r10.credit", true, false, false, null);
        }
        try (Publisher p = connection.publisherBuilder().queue("r10.credit").build()) {
            for (int i = 0; i < 30; i++) {
                assertThat(publish(p, p.message(("m" + i).getBytes(StandardCharsets.UTF_8)))).isEqualTo(Publisher.Status.ACCEPTED);
            }
        }
        ConcurrentLinkedQueue<Consumer.Context> held = new ConcurrentLinkedQueue<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        try (Consumer c = connection.consumerBuilder().queue("r10.credit").initialCredits(5).messageHandler((ctx, m) -> {
            bodies.add(new String(m.body(), StandardCharsets.UTF_8));
            held.add(ctx);
        }).build()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 5);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> bodies.size() == 5);
            for (int i = 0; i < 30; i++) {
                await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10)).until(() -> !held.isEmpty());
                held.poll().accept();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 30);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(bodies.get(i)).isEqualTo("m" + i);
        }
        try (Channel ch = amqp091.createChannel()) {
            assertThat(ch.queueDeclarePassive("r10.credit").getMessageCount()).isZero();
        }
    }

    @Test
    void rejectedMessagesLeaveTheQueueAndReleasedOnesComeBack() throws Exception {
        try (Channel ch = amqp091.createChannel()) {
            ch.exchangeDeclare("r10.dlx", BuiltinExchangeType.FANOUT);
            ch.queueDeclare("r10.dead", true, false, false, null);
            ch.queueBind("r10.dead", "r10.dlx", "");
            ch.queueDeclare("r10.work", true, false, false, Map.of("x-dead-letter-exchange", "r10.dlx"));
        }
        try (Publisher p = connection.publisherBuilder().queue("r10.work").build()) {
            publish(p, p.message("reject me".getBytes(StandardCharsets.UTF_8)).messageId("reject"));
            publish(p, p.message("release me".getBytes(StandardCharsets.UTF_8)).messageId("release"));
            publish(p, p.message("undeliverable".getBytes(StandardCharsets.UTF_8)).messageId("modified"));
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Boolean> firstAcquirer = new CopyOnWriteArrayList<>();
        try (Consumer c = connection.consumerBuilder().queue("r10.work").messageHandler((ctx, m) -> {
            String id = m.messageIdAsString();
            seen.add(id);
            firstAcquirer.add(m.firstAcquirer());
            if ("reject".equals(id)) {
                ctx.discard();
            } else if ("modified".equals(id)) {
                ctx.discard(Map.of());
            } else if (seen.stream().filter("release"::equals).count() == 1) {
                ctx.requeue();
            } else {
                ctx.accept();
            }
        }).build()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 4);
        }
        assertThat(seen).containsExactly("reject", "release", "modified", "release");
        assertThat(firstAcquirer).containsExactly(true, true, true, false);
        try (Channel ch = amqp091.createChannel()) {
            assertThat(ch.queueDeclarePassive("r10.work").getMessageCount()).isZero();
            // The rejected message was dead-lettered, with RabbitMQ's x-death saying why.
            List<String> dead = new java.util.ArrayList<>();
            com.rabbitmq.client.GetResponse r;
            await().atMost(Duration.ofSeconds(10)).until(() -> ch.queueDeclarePassive("r10.dead").getMessageCount() >= 1);
            while ((r = ch.basicGet("r10.dead", true)) != null) {
                String body = new String(r.getBody(), StandardCharsets.UTF_8);
                dead.add(body);
                if ("reject me".equals(body)) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> deaths = (List<Map<String, Object>>) r.getProps().getHeaders().get("x-death");
                    assertThat(deaths.get(0).get("reason").toString()).isEqualTo("rejected");
                    assertThat(deaths.get(0).get("queue").toString()).isEqualTo("r10.work");
                }
            }
            assertThat(dead).contains("reject me").doesNotContain("release me");
        }
    }
}
