package io.tributary.server.e2e.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.tributary.server.testing.TributaryBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * AMQP 1.0 messages in a durable queue's journal: Qpid JMS sends persistent and non-persistent
 * messages, the broker restarts, and both protocols read back what was persistent, with the 1.0
 * properties intact.
 */
class DurableAmqp10IT {
    @Test
    void persistentAmqp10MessagesAreReadBackFromTheJournalAfterARestart() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (com.rabbitmq.client.Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.queueDeclare("jms-durable", true, false, false, null);
            }
            JmsConnectionFactory f = new JmsConnectionFactory("amqp://127.0.0.1:" + broker.amqpPort());
            try (Connection jms = f.createConnection("guest", "guest"); Session s = jms.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer p = s.createProducer(s.createQueue("jms-durable"));
                for (int i = 0; i < 4; i++) {
                    TextMessage m = s.createTextMessage("j" + i);
                    m.setStringProperty("colour", i % 2 == 0 ? "red" : "blue");
                    p.send(m, i == 3 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT, 4, 0);
                }
            }
            broker.restart();
            try (com.rabbitmq.client.Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                GetResponse first = ch.basicGet("jms-durable", true);
                assertThat(Rabbit.text(first.getBody())).isEqualTo("j0");
                assertThat(first.getProps().getHeaders().get("colour")).hasToString("red");
                assertThat(first.getProps().getDeliveryMode()).isEqualTo(2);
            }
            JmsConnectionFactory f2 = new JmsConnectionFactory("amqp://127.0.0.1:" + broker.amqpPort());
            try (Connection jms = f2.createConnection("guest", "guest")) {
                jms.start();
                Session s = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue("jms-durable"));
                TextMessage m1 = (TextMessage) consumer.receive(10_000);
                TextMessage m2 = (TextMessage) consumer.receive(10_000);
                assertThat(m1.getText()).isEqualTo("j1");
                assertThat(m1.getStringProperty("colour")).isEqualTo("blue");
                assertThat(m2.getText()).isEqualTo("j2");
                assertThat(consumer.receive(300)).isNull();
            }
        }
    }
}
