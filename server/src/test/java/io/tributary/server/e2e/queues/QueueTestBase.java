package io.tributary.server.e2e.queues;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.server.testing.BrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One broker and one connection per test class; each test declares its own queues. */
abstract class QueueTestBase {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();
    static Connection connection;

    @BeforeAll
    static void connect() throws Exception {
        connection = Rabbit.connect(BROKER.get().amqpPort());
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (connection.isOpen()) {
            connection.close();
        }
    }

    static Channel channel() throws Exception {
        return connection.createChannel();
    }
}
