package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Connection;
import io.tributary.server.testing.PackagedBroker;
import io.tributary.server.testing.history.QueueHistory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged brokers on loopback and one quorum queue over all three, under load from the real
 * {@code amqp-client}: a publisher with confirms and a consumer with manual acks, each reconnecting
 * to another node when its connection fails, while faults are injected one after another: {@code
 * kill -9} of the queue's leader (restarted once the others confirmed again), {@code SIGSTOP} of the
 * new leader for twice {@code broker.session.timeout.ms} (then {@code SIGCONT}), and {@code kill -9}
 * plus restart of the two other nodes in turn. Afterwards the queue history must show every
 * confirmed message delivered (at least once) and no delivery of a message no one published; for
 * each fault it prints when a new leader was known and how long confirms and deliveries paused.
 */
class QuorumQueueFailoverIT {
    private static final String QUEUE = "qq-failover";
    private static final long SESSION_MS = 2_000;
    private static final int RATE = 200;
    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private PackagedCluster cluster;
    private final QueueHistory history = new QueueHistory();
    private final AckTimes times = new AckTimes(2);
    private final long startedAt = System.nanoTime();
    private final List<String> recoveries = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stopAll() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killPauseAndRestartLoopLoseNoConfirmedMessage() throws Throwable {
        try {
            run();
        } catch (Throwable t) {
            recoveries.forEach(r -> System.out.println("QuorumQueueFailoverIT: " + r));
            if (cluster != null) {
                cluster.printLogs(l -> l.contains("uorum") || l.contains(" WARN ") || l.contains(" ERROR "));
            }
            throw t;
        }
    }

    private void run() throws Exception {
        startCluster();
        try (Connection conn = ConfirmingPublisher.connect(cluster.node(0).amqpPort(), "declare")) {
            conn.createChannel().queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
        }
        phase("queue declared");
        List<Integer> ports = cluster.stream().map(PackagedBroker::amqpPort).toList();
        ConfirmingPublisher publisher = new ConfirmingPublisher("p0", QUEUE, ports, RATE, 500, history, times);
        AckingConsumer consumer = new AckingConsumer(QUEUE, ports, 1, history, times);
        boolean faultsDone = false;
        try {
            // 1. kill -9 the leader; restart it once the others confirm and deliver again
            awaitProgress();
            int leader = leader(-1);
            long t0 = System.nanoTime();
            cluster.node(leader).kill();
            recovered("kill -9 node " + leader + " (the queue's leader)", leader, t0);
            restart(leader);

            // 2. SIGSTOP the leader for twice the session timeout: the others elect a leader and go on
            awaitProgress();
            int stopped = leader(-1);
            t0 = System.nanoTime();
            cluster.pause(stopped);
            recovered("SIGSTOP node " + stopped + " (the queue's leader) for " + 2 * SESSION_MS + " ms", stopped, t0);
            long left = Math.max(1, 2 * SESSION_MS - (System.nanoTime() - t0) / 1_000_000);
            int watcher = (stopped + 1) % cluster.size();
            // the scenario: it stays stopped for twice the session timeout, and the others keep a leader of their own
            await().during(Duration.ofMillis(left)).atMost(Duration.ofMillis(left).plus(AWAIT)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        int l = leaderSeenBy(watcher);
                        return l >= 0 && l != stopped;
                    });
            cluster.resume(stopped);
            phase("node " + stopped + " continued");

            // 3. kill -9 and restart, in turn, the nodes fault 1 did not kill
            for (int i = 1; i <= 2; i++) {
                int node = (leader + i) % cluster.size();
                awaitProgress();
                int current = leader(-1);
                t0 = System.nanoTime();
                cluster.node(node).kill();
                recovered("restart loop: kill -9 node " + node + (node == current ? " (the leader)" : " (a follower)"), node, t0);
                restart(node);
            }
            awaitProgress();
            faultsDone = true;
        } finally {
            publisher.close();
            phase("publisher stopped" + (faultsDone ? "" : " (a fault step failed)"));
        }
        await().atMost(AWAIT).pollInterval(Duration.ofMillis(500)).until(() -> history.undelivered() == 0);
        consumer.close();
        QueueHistory.Report report = history.check();
        System.out.println("QuorumQueueFailoverIT: " + report + "; publisher reconnects " + publisher.reconnects() + ", consumer reconnects "
                + consumer.reconnects());
        recoveries.forEach(r -> System.out.println("QuorumQueueFailoverIT: " + r));
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.confirmed()).isGreaterThanOrEqualTo(2_000L);
        aGetHeldThroughANonMemberReturnsWhenThatNodeIsKilled();
    }

    /**
     * 4. A {@code basic.get} without ack through a node that holds no replica, then kill -9 of that
     * node: no channel close reaches the members, so it is the controller, hearing nothing from the
     * node for the session timeout, that gives the message back.
     */
    private void aGetHeldThroughANonMemberReturnsWhenThatNodeIsKilled() throws Exception {
        String queue = "qq-outsider";
        try (Connection conn = ConfirmingPublisher.connect(cluster.node(0).amqpPort(), "declare")) {
            conn.createChannel().queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum", "x-quorum-initial-group-size", 2));
        }
        JsonNode members = await().atMost(AWAIT).until(() -> queueView(0, queue).get("members"), m -> m != null && m.size() == 2);
        List<Integer> ids = List.of(members.get(0).asInt(), members.get(1).asInt());
        int outsider = List.of(0, 1, 2).stream().filter(n -> !ids.contains(n)).findFirst().orElseThrow();
        int member = ids.get(0);
        try (Connection conn = ConfirmingPublisher.connect(cluster.node(member).amqpPort(), "held")) {
            com.rabbitmq.client.Channel ch = conn.createChannel();
            ch.confirmSelect();
            ch.basicPublish("", queue, null, "held".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(30_000);
        }
        Connection through = ConfirmingPublisher.connect(cluster.node(outsider).amqpPort(), "getter");
        assertThat(through.createChannel().basicGet(queue, false)).isNotNull();
        long t0 = System.nanoTime();
        cluster.node(outsider).kill();
        through.abort();
        try (Connection conn = ConfirmingPublisher.connect(cluster.node(member).amqpPort(), "after")) {
            com.rabbitmq.client.Channel ch = conn.createChannel();
            com.rabbitmq.client.GetResponse back = await().atMost(AWAIT).until(() -> ch.basicGet(queue, true), g -> g != null);
            assertThat(back.getEnvelope().isRedeliver()).isTrue();
        }
        String recovery = String.format("kill -9 of node %d holding a basic.get of a queue it is no member of: the message back after %.1f s",
                outsider, (System.nanoTime() - t0) / 1e9);
        recoveries.add(recovery);
        System.out.println("QuorumQueueFailoverIT: " + recovery);
        restart(outsider);
    }

    private JsonNode queueView(int node, String queue) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(node).httpPort() + "/api/queues/%2F/" + queue))
                .timeout(Duration.ofSeconds(2))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                .build();
        return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    // ---- the cluster ----

    private void startCluster() throws IOException {
        cluster = new PackagedCluster(tmp, 3, "--broker.session.timeout.ms=" + SESSION_MS).start();
        phase("cluster started");
    }

    private void restart(int node) {
        phase(String.format("node %d restarted in %.1f s", node, cluster.restart(node)));
    }

    /** The queue's leader as the running nodes other than {@code not} report it (management API {@code leader}), once they agree on one. */
    private int leader(int not) {
        return await().atMost(AWAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            int seen = -1;
            for (int i = 0; i < cluster.size(); i++) {
                if (i == not || cluster.paused() != null && cluster.paused() == i) {
                    continue;
                }
                int l = leaderSeenBy(i);
                if (l < 0 || seen >= 0 && l != seen) {
                    return -1;
                }
                seen = l;
            }
            return seen;
        }, l -> l >= 0 && l != not);
    }

    private int leaderSeenBy(int node) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(node).httpPort() + "/api/queues/%2F/" + QUEUE))
                    .timeout(Duration.ofSeconds(2))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                return -1;
            }
            JsonNode leader = JSON.readTree(resp.body()).get("leader");
            return leader == null || leader.isNull() ? -1 : leader.asInt();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Waits until the other nodes agree on a leader other than the faulted node, then until confirms
     * and deliveries came again after that; records the longest pause of each around the fault.
     */
    private void recovered(String fault, int node, long t0) {
        int newLeader = leader(node);
        long leaderAt = System.nanoTime();
        phase(fault + ": node " + newLeader + " leads");
        await().atMost(AWAIT).until(() -> times.last(0) > leaderAt && times.last(1) > leaderAt);
        recoveries.add(String.format("%s: new leader known after %.1f s; confirms paused %s, deliveries paused %s", fault,
                (leaderAt - t0) / 1e9, pause(0, t0), pause(1, t0)));
    }

    private String pause(int slot, long t0) {
        long[] s = times.longestSilence(slot, t0);
        return String.format("%.1f..%.1f s", (s[0] - t0) / 1e9, (s[1] - t0) / 1e9);
    }

    /** Waits until 500 more messages were confirmed and deliveries go on: the load runs. */
    private void awaitProgress() {
        long before = history.confirmedCount();
        long since = System.nanoTime();
        await().atMost(AWAIT).until(() -> history.confirmedCount() >= before + 500 && times.last(1) > since);
    }

    private void phase(String what) {
        System.out.printf("QuorumQueueFailoverIT +%.1f s: %s (%d confirmed, %d delivered)%n", (System.nanoTime() - startedAt) / 1e9, what,
                history.confirmedCount(), history.deliveredCount());
    }

}
