package io.tributary.server.e2e.amqp10;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's python3-qpid-proton (installed by .ci/run) runs queues, outcomes (modified → delivery-count,
 * rejected), an exchange address, request/reply over a dynamic receiver, SASL ANONYMOUS and a not-found
 * condition. The topic binding is declared over 0-9-1 first. The system interpreter is used, since the
 * client is a Debian package.
 */
class ProtonPythonIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void pythonProtonClientRunsEveryPattern() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(BROKER.get().amqpUri());
        try (com.rabbitmq.client.Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare("py.topic", true, false, false, null);
            ch.queueBind("py.topic", "amq.topic", "py.#");
        }
        String output = PythonScript.runOk("proton/proton_client.py", 60, BROKER.get().amqpPort());
        assertThat(output).contains("rpc via dynamic receiver").contains("modified redelivers with delivery-count 1");
    }
}
