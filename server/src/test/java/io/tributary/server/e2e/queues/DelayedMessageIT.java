package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.PERSISTENT;
import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.server.testing.TributaryBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code x-delayed-message} exchange type, as RabbitMQ's delayed-message plugin behaves. */
class DelayedMessageIT extends QueueTestBase {
    private static AMQP.BasicProperties delay(Object ms) {
        return Rabbit.headers(Map.of("x-delay", ms));
    }

    @Test
    void messagesArriveWhenTheirDelayIsOverWithTheDelayNegated() throws Exception {
        try (Channel ch = channel()) {
            ch.exchangeDeclare("delayed", "x-delayed-message", false, false, Map.of("x-delayed-type", "direct"));
            ch.queueDeclare("delayed.q", false, false, false, null);
            ch.queueBind("delayed.q", "delayed", "k");
            Rabbit.Recorder r = new Rabbit.Recorder(ch);
            ch.basicConsume("delayed.q", true, r);
            ch.basicPublish("delayed", "k", delay(600), bytes("late"));
            ch.basicPublish("delayed", "k", delay(200), bytes("soon"));
            ch.basicPublish("delayed", "k", null, bytes("now"));
            ch.basicPublish("delayed", "other", delay(100), bytes("unbound"));
            await().until(() -> r.got.size() == 3);
            assertThat(r.bodies()).containsExactly("now", "soon", "late");
            assertThat(r.got.get(1).properties().getHeaders().get("x-delay")).isEqualTo(-200);
            assertThat(r.got.get(2).properties().getHeaders().get("x-delay")).isEqualTo(-600);
        }
    }

    @Test
    void theDelayedTypeDecidesTheRouting() throws Exception {
        try (Channel ch = channel()) {
            ch.exchangeDeclare("delayed.topic", "x-delayed-message", false, false, Map.of("x-delayed-type", "topic"));
            ch.queueDeclare("delayed.eu", false, false, false, null);
            ch.queueBind("delayed.eu", "delayed.topic", "orders.eu.*");
            ch.basicPublish("delayed.topic", "orders.eu.paris", delay(100), bytes("fr"));
            ch.basicPublish("delayed.topic", "orders.us.boston", delay(100), bytes("us"));
            await().until(() -> ch.messageCount("delayed.eu") == 1);
            assertThat(Rabbit.drain(ch, "delayed.eu")).containsExactly("fr");
        }
    }

    @Test
    void aDelayedExchangeNeedsAnExistingDelayedType() throws Exception {
        Channel ch = channel();
        assertThatThrownBy(() -> ch.exchangeDeclare("delayed.bad", "x-delayed-message", false, false, Map.of()))
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("406")
                        .contains("Invalid argument, 'x-delayed-type' must be an existing exchange type"));
        Channel ch2 = channel();
        assertThatThrownBy(() -> ch2.exchangeDeclare("delayed.bad", "x-delayed-message", false, false,
                Map.of("x-delayed-type", "no-such-type"))).satisfies(e -> assertThat(e.getCause().getMessage()).contains("406"));
    }

    @Test
    void persistentDelayedMessagesOfADurableExchangeSurviveARestart() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.exchangeDeclare("later", "x-delayed-message", true, false, Map.of("x-delayed-type", "fanout"));
                ch.queueDeclare("later.q", true, false, false, null);
                ch.queueBind("later.q", "later", "");
                ch.confirmSelect();
                ch.basicPublish("later", "", PERSISTENT.builder().headers(Map.of("x-delay", 1_500)).build(), bytes("kept"));
                ch.basicPublish("later", "", delay(1_500), bytes("transient"));
                ch.waitForConfirmsOrDie(10_000);
                assertThat(ch.messageCount("later.q")).isZero();
            }
            broker.restart();
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                await().until(() -> ch.messageCount("later.q") == 1);
                assertThat(Rabbit.drain(ch, "later.q")).containsExactly("kept");
            }
        }
    }
}
