package io.tributary.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tributary cluster status} without a running group: usage errors, and a group with no peer up. */
class ClusterCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ClusterCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutPeersItIsAUsageError() {
        assertThat(run(Map.of(), "status")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tributary cluster: no cluster.peers configured");
    }

    @Test
    void aMalformedPeerListNamesTheSetting() {
        assertThat(run(Map.of(), "status", "--cluster.peers", "0@host")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("setting 'cluster.peers'");
    }

    @Test
    void peersThatDoNotAnswerAreListedAndNoLeaderIsExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(run(Map.of("TRIBUTARY_CLUSTER_PEERS", "0@127.0.0.1:" + port), "status", "--timeout-ms", "500")).isEqualTo(1);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("0    127.0.0.1:" + port).contains("unreachable").contains("no leader followed by a majority (0 of 1 peers reachable)");
    }
}
