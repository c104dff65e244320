package io.tributary.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tributary queues} without a broker to ask: usage errors, and a URL nothing answers on (the calls themselves: cluster QuorumQueueIT). */
class QueuesCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return QueuesCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aNodeThatIsNotANumberIsAUsageError() {
        assertThat(run(Map.of(), "add-member", "orders", "rabbit@host")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rabbit@host");
    }

    @Test
    void aNodeThatDoesNotAnswerIsExitOneNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(run(Map.of("TRIBUTARY_API_URL", "http://127.0.0.1:" + port), "rebalance")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tributary queues: cannot reach http://127.0.0.1:" + port);
    }
}
