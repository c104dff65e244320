package io.tributary.server.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The management API driven as RabbitMQ documents it, by a python3 script using only the standard
 * library (urllib, json), the way rabbitmqadmin and operators' scripts call it: declare, bind,
 * publish, get, purge, users and permissions, policies, definitions export/import, delete, and the
 * error answers (400/401/403/404 with {"error","reason"}).
 */
class RabbitApiCompatIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void aStdlibPythonScriptUsesTheApiAsRabbitMqDocumentsIt() throws Exception {
        Path script = Path.of("src/test/resources/management/rabbitmq_api_compat.py").toAbsolutePath();
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3") : Path.of("python3");
        Process p = new ProcessBuilder(python.toString(), script.toString(), String.valueOf(BROKER.get().httpPort()))
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("script finished: %s", output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ALL OK").contains("import recreated the binding").contains("bob may not declare alice.q (403)");
    }
}
