package io.tributary.server.e2e.amqp091;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
        Path script = Path.of("src/test/resources/pika/pika_client.py").toAbsolutePath();
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3") : Path.of("python3");
        Process p = new ProcessBuilder(python.toString(), script.toString(), String.valueOf(BROKER.get().amqpPort()))
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("pika script finished: %s", output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ALL OK").contains("rpc via direct reply-to").contains("404 on passive declare");
    }
}
