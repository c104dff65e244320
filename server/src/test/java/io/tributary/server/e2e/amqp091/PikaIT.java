package io.tributary.server.e2e.amqp091;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's python3-pika (installed by .ci/run) runs simple queue, confirms, nack/requeue, work
 * queue with prefetch, mandatory returns, topics, headers, RPC over direct reply-to and a channel
 * error against the broker. The system interpreter is used, since pika is a Debian package.
 */
class PikaIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void pikaClientRunsEveryPattern() throws Exception {
        String output = PythonScript.runOk("pika/pika_client.py", 60, BROKER.get().amqpPort());
        assertThat(output).contains("rpc via direct reply-to").contains("404 on passive declare");
    }
}
