package io.tributary.server.e2e.amqp091;

import static io.tributary.server.e2e.amqp091.Amqp.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.server.testing.TributaryBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Durable exchanges, queues and bindings survive a restart through the metadata store; transient ones do not. */
class DefinitionsRestartIT {
    @Test
    void durableDefinitionsSurviveARestart() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = Amqp.connect(broker); Channel ch = c.createChannel()) {
                ch.exchangeDeclare("orders", "topic", true);
                ch.exchangeDeclare("orders-ae", "fanout", true, false, Map.of());
                ch.exchangeDeclare("scratch", "fanout", false);
                ch.exchangeDeclare("with-ae", "direct", true, false, Map.of("alternate-exchange", "orders-ae"));
                ch.queueDeclare("order-events", true, false, false, Map.of("x-max-length", 1000));
                ch.queueDeclare("leftovers", true, false, false, null);
                ch.queueDeclare("temporary", false, false, false, null);
                ch.queueDeclare("gone-before-restart", true, false, false, null);
                ch.queueBind("order-events", "orders", "order.#");
                ch.queueBind("leftovers", "orders-ae", "");
                ch.exchangeBind("orders", "with-ae", "order.shipped");
                ch.queueBind("temporary", "orders", "order.#");
                ch.queueBind("order-events", "scratch", "");
                ch.queueDelete("gone-before-restart");
            }
            broker.restart();
            try (Connection c = Amqp.connect(broker); Channel ch = c.createChannel()) {
                ch.exchangeDeclarePassive("orders");
                ch.exchangeDeclarePassive("with-ae");
                ch.queueDeclare("order-events", true, false, false, Map.of("x-max-length", 1000));
                ch.basicPublish("orders", "order.created", null, bytes("o1"));
                ch.basicPublish("with-ae", "order.shipped", null, bytes("o2"));
                ch.basicPublish("with-ae", "other", null, bytes("to ae"));
                assertThat(Amqp.drain(ch, "order-events")).containsExactly("o1", "o2");
                assertThat(Amqp.drain(ch, "leftovers")).containsExactly("to ae");
            }
            for (String transientOne : new String[] {"temporary", "gone-before-restart"}) {
                try (Connection c = Amqp.connect(broker)) {
                    Channel ch = c.createChannel();
                    assertThatThrownBy(() -> ch.queueDeclarePassive(transientOne)).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(404));
                }
            }
            try (Connection c = Amqp.connect(broker)) {
                Channel ch = c.createChannel();
                assertThatThrownBy(() -> ch.exchangeDeclarePassive("scratch")).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(404));
            }
        }
    }
}
