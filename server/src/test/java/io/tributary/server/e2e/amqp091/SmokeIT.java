package io.tributary.server.e2e.amqp091;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.server.testing.BrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void publishAndGet() throws Exception {
        try (Connection c = Amqp.connect(BROKER.get()); Channel ch = c.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, Amqp.bytes("hello"));
            assertThat(Amqp.drain(ch, q)).containsExactly("hello");
        }
    }
}
