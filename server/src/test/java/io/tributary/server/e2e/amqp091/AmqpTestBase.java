package io.tributary.server.e2e.amqp091;

import com.rabbitmq.client.Connection;
import io.tributary.server.testing.BrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One broker and one amqp-client connection per test class; tests open their own channels. */
abstract class AmqpTestBase {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();
    static Connection connection;

    @BeforeAll
    static void connect() throws Exception {
        connection = Amqp.connect(BROKER.get());
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (connection.isOpen()) {
            connection.close();
        }
    }
}
