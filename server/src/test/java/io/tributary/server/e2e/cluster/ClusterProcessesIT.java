package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.server.cli.ClusterCommand;
import io.tributary.server.testing.PackagedBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged brokers on loopback sharing one metadata group ({@code cluster.peers}): kill -9 the
 * Raft leader, a new one is elected and metadata changes made through Kafka clients keep working, and
 * the killed node, restarted, starts with everything the group committed while it was down.
 */
class ClusterProcessesIT {
    private static final Pattern LEADER = Pattern.compile("leader: (\\d+) \\((\\d) of 3 peers reachable\\)");

    @TempDir
    Path tmp;

    private final PackagedBroker[] nodes = new PackagedBroker[3];

    @AfterEach
    void stopAll() throws InterruptedException {
        for (PackagedBroker n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void killMinusNineTheRaftLeaderThenBringItBack() throws Exception {
        String peers = IntStream.range(0, 3).mapToObj(i -> i + "@127.0.0.1:" + PackagedBroker.freePort()).collect(Collectors.joining(","));
        for (int i = 0; i < 3; i++) {
            Path home = Files.createDirectories(tmp.resolve("node-" + i));
            nodes[i] = new PackagedBroker(home.resolve("data"), "--node.id=" + i, "--cluster.peers=" + peers, "--cluster.election.timeout.ms=500");
        }
        for (PackagedBroker n : nodes) {
            n.launch();
        }
        for (PackagedBroker n : nodes) {
            n.awaitHealthy();
        }
        int leader = awaitLeader(peers, 3, -1);
        int follower = (leader + 1) % 3;
        createTopic(nodes[follower], "before-kill");

        nodes[leader].kill();
        int next = awaitLeader(peers, 2, leader);
        int survivor = next == follower ? (leader + 2) % 3 : follower;
        createTopic(nodes[survivor], "after-kill");
        createTopic(nodes[next], "on-the-new-leader");

        nodes[leader].start();
        try (Admin admin = admin(nodes[leader])) {
            assertThat(admin.listTopics().names().get()).contains("before-kill", "after-kill", "on-the-new-leader");
        }
        awaitLeader(peers, 3, -1);
        for (PackagedBroker n : nodes) {
            assertThat(n.terminate(Duration.ofSeconds(30))).isZero();
        }
    }

    /** Waits until `tributary cluster status` reports a majority leader other than {@code not}, with {@code reachable} peers up. */
    private static int awaitLeader(String peers, int reachable, int not) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = ClusterCommand.run(new String[] {"status", "--cluster.peers", peers, "--timeout-ms", "1000"}, Map.of(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            Matcher m = LEADER.matcher(out.toString(StandardCharsets.UTF_8));
            if (code != 0 || !m.find() || Integer.parseInt(m.group(2)) != reachable) {
                return -1;
            }
            int id = Integer.parseInt(m.group(1));
            return id == not ? -1 : id;
        }, id -> id >= 0);
    }

    private static void createTopic(PackagedBroker node, String topic) throws Exception {
        try (Admin admin = admin(node)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
    }

    private static Admin admin(PackagedBroker node) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + node.kafkaPort());
        return Admin.create(p);
    }
}
