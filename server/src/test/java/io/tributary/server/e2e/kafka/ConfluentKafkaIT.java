package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's python3-confluent-kafka (librdkafka; installed by .ci/run) runs a transactional producer
 * (commit and abort) and a read_committed consumer group that commits and resumes.
 */
class ConfluentKafkaIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void confluentKafkaProducesTransactionallyAndConsumesInAGroup() throws Exception {
        Path script = Path.of("src/test/resources/confluent/confluent_client.py").toAbsolutePath();
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3") : Path.of("python3");
        Process p = new ProcessBuilder(python.toString(), script.toString(), BROKER.get().kafkaBootstrap()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("ALL OK");
    }
}
