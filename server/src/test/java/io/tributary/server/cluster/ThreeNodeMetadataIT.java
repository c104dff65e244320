package io.tributary.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.config.ClusterPeer;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormats;
import io.tributary.queues.quorum.QuorumCommand;
import io.tributary.server.quorum.QuorumCommandFormat;
import io.tributary.server.quorum.QuorumMessageCodec;
import io.tributary.server.cli.ClusterCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Raft peers of the metadata group in one JVM, each on its own loopback port and directory:
 * a change made anywhere is visible everywhere, the group elects a new leader when the leader stops
 * and keeps taking changes, and the stopped node catches up when it returns.
 */
class ThreeNodeMetadataIT {
    private static final Duration AWAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final RaftMetadataStore[] nodes = new RaftMetadataStore[3];
    /** A fourth member that joins the running group. */
    private RaftMetadataStore joined;
    private RaftOptions[] options;

    @AfterEach
    void closeAll() {
        if (joined != null) {
            joined.close();
        }
        for (RaftMetadataStore n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void changesReplicateSurviveTheLeaderStoppingAndReachTheReturningNode() {
        options = options(3, 10_000);
        startAll();
        int leader = awaitLeader(List.of(0, 1, 2));

        nodes[leader].put("kafka.topic", "orders", "{\"partitions\":3}").join();
        nodes[(leader + 1) % 3].put("amqp.queue", "/|jobs", "{\"durable\":true}").join();
        awaitEverywhere(List.of(0, 1, 2), "kafka.topic", Map.of("orders", "{\"partitions\":3}"));
        awaitEverywhere(List.of(0, 1, 2), "amqp.queue", Map.of("/|jobs", "{\"durable\":true}"));

        nodes[leader].close();
        nodes[leader] = null;
        List<Integer> rest = IntStream.range(0, 3).filter(i -> i != leader).boxed().toList();
        int next = awaitLeader(rest);
        assertThat(next).isNotEqualTo(leader);
        nodes[rest.get(0)].put("kafka.topic", "audit", "{\"partitions\":1}").join();
        nodes[rest.get(1)].delete("amqp.queue", "/|jobs").join();
        awaitEverywhere(rest, "kafka.topic", Map.of("orders", "{\"partitions\":3}", "audit", "{\"partitions\":1}"));
        awaitEverywhere(rest, "amqp.queue", Map.of());

        nodes[leader] = RaftMetadataStore.open(options[leader]);
        // open returns once the node caught up: what the group committed while it was away is there.
        assertThat(nodes[leader].list("kafka.topic")).containsOnlyKeys("orders", "audit");
        assertThat(nodes[leader].list("amqp.queue")).isEmpty();
        nodes[leader].put("security.user", "alice", "{}").join();
        awaitEverywhere(List.of(0, 1, 2), "security.user", Map.of("alice", "{}"));
        assertThat(nodes[leader].status().members()).hasSize(3);
    }

    @Test
    void listenersOnEveryNodeHearEveryNodesChangesAndConditionalWritesHaveOneWinner() {
        options = options(3, 10_000);
        startAll();
        awaitLeader(List.of(0, 1, 2));
        List<List<String>> heard = new ArrayList<>();
        for (RaftMetadataStore n : nodes) {
            List<String> mine = new java.util.concurrent.CopyOnWriteArrayList<>();
            heard.add(mine);
            n.addListener("topic", (kind, key, json) -> mine.add(key + "=" + json));
        }
        nodes[0].put("topic", "a", "{\"from\":0}").join();
        nodes[1].put("topic", "b", "{\"from\":1}").join();
        nodes[2].delete("topic", "a").join();
        List<CompletableFuture<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            racing.add(nodes[i].putIfAbsent("topic", "internal", "{\"from\":" + i + "}"));
        }
        List<Boolean> won = racing.stream().map(CompletableFuture::join).toList();
        assertThat(won).containsOnlyOnce(true);
        String winner = "internal={\"from\":" + won.indexOf(true) + "}";

        // Two nodes replace the same JSON at once (a controller and a partition leader): one wins, and
        // the other, reading what is there once its refusal returns, retries from the winner's JSON.
        nodes[0].put("topic", "p-0", "{\"epoch\":0}").join();
        List<CompletableFuture<Boolean>> replacing = List.of(nodes[1].compareAndPut("topic", "p-0", "{\"epoch\":0}", "{\"epoch\":1,\"by\":1}"),
                nodes[2].compareAndPut("topic", "p-0", "{\"epoch\":0}", "{\"epoch\":1,\"by\":2}"));
        List<Boolean> replaced = replacing.stream().map(CompletableFuture::join).toList();
        assertThat(replaced).containsOnlyOnce(true);
        int casWinner = replaced.indexOf(true) + 1;
        int casLoser = 3 - casWinner;
        String winnerJson = "{\"epoch\":1,\"by\":" + casWinner + "}";
        assertThat(nodes[casLoser].get("topic", "p-0")).isEqualTo(winnerJson);
        String retried = "{\"epoch\":2,\"by\":" + casLoser + "}";
        assertThat(nodes[casLoser].compareAndPut("topic", "p-0", winnerJson, retried).join()).isTrue();

        List<String> expected = List.of("a={\"from\":0}", "b={\"from\":1}", "a=null", winner, "p-0={\"epoch\":0}", "p-0=" + winnerJson,
                "p-0=" + retried);
        await().atMost(AWAIT).untilAsserted(() -> heard.forEach(h -> assertThat(h).isEqualTo(expected)));
        for (RaftMetadataStore n : nodes) {
            assertThat(n.get("topic", "internal")).isEqualTo(winner.substring("internal=".length()));
            assertThat(n.get("topic", "p-0")).isEqualTo(retried);
        }
    }

    @Test
    void aNodeThatMissedPurgedLogCatchesUpFromASnapshot() {
        options = options(3, 20);
        startAll();
        int leader = awaitLeader(List.of(0, 1, 2));
        int away = (leader + 1) % 3;
        nodes[away].close();
        nodes[away] = null;
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        String pad = "x".repeat(1000); // 200 KB of entries: whole 64 KiB log segments, purged after the snapshots
        for (int i = 0; i < 200; i++) {
            writes.add(nodes[leader].put("kafka.topic", "t" + i, "{\"i\":" + i + ",\"pad\":\"" + pad + "\"}"));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        await().atMost(AWAIT).until(() -> nodes[leader].status().self().snapshotIndex() > 100);
        // what the away node lacks is no longer in the leader's log: it can only catch up from the snapshot
        await().atMost(AWAIT).until(() -> nodes[leader].logStartIndex() > 50);

        nodes[away] = RaftMetadataStore.open(options[away]);
        await().atMost(AWAIT).until(() -> nodes[away].list("kafka.topic").size() == 200);
        assertThat(nodes[away].list("kafka.topic")).isEqualTo(nodes[leader].list("kafka.topic"));
    }

    @Test
    void aQuorumQueueMemberThatMissedPurgedLogCatchesUpFromItsGroupsSnapshot() {
        options = options(3, 20);
        startAll();
        int leader = awaitLeader(List.of(0, 1, 2));
        int away = (leader + 1) % 3;
        String queue = "/\u001fcatching-up";
        List<Integer> members = List.of(0, 1, 2);
        for (RaftMetadataStore n : nodes) {
            n.quorumGroups().ensure(queue, members, false).join();
        }
        QuorumMessageCodec codec = new QuorumMessageCodec(new MessageFormats().register(BasicProperties.FORMAT));
        byte[] record = codec.encode(new Message(BasicProperties.FORMAT, new byte[0], "m".repeat(1000).getBytes(StandardCharsets.UTF_8), "", "q", 1L));
        byte[] enqueue = QuorumCommandFormat.encode(new QuorumCommand.Enqueue(record, 1000, Long.MAX_VALUE));
        nodes[leader].quorumGroups().submit(queue, members, enqueue).join();
        await().atMost(AWAIT).until(() -> nodes[away].quorumGroups().replica(queue).stats().ready() == 1);
        nodes[away].close();
        nodes[away] = null;
        for (int i = 0; i < 200; i++) { // one at a time: 200 entries of 1 KB, snapshots every 20, full 64 KiB log segments purged
            nodes[leader].quorumGroups().submit(queue, members, enqueue).join();
        }
        // what the away member lacks is no longer in the leader's log: it can only catch up from the snapshot
        await().atMost(AWAIT).until(() -> nodes[leader].quorumGroups().logStartIndex(queue) > 50);
        nodes[away] = RaftMetadataStore.open(options[away]);
        await().atMost(AWAIT).until(() -> nodes[away].quorumGroups().replica(queue).stats().ready() == 201);
        assertThat(nodes[away].quorumGroups().replica(queue).stats()).isEqualTo(nodes[leader].quorumGroups().replica(queue).stats());
    }

    @Test
    void aNewNodeJoinsTheRunningGroupCatchesUpAndTheOldMembersRestartWithTheirPeerList() {
        options = options(3, 10_000);
        startAll();
        int leader = awaitLeader(List.of(0, 1, 2));
        nodes[leader].put("kafka.topic", "orders", "{}").join();

        List<ClusterPeer> four = new ArrayList<>(options[0].peers());
        four.add(new ClusterPeer(3, "127.0.0.1", freePorts(1)[0]));
        RaftOptions joining = new RaftOptions(3, four, "127.0.0.1", 0, dir.resolve("node-3"), null, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMillis(300), 10_000, 64 * 1024, true);
        joined = RaftMetadataStore.open(joining);
        // open returns once the group took it in and it caught up
        assertThat(joined.list("kafka.topic")).containsOnlyKeys("orders");
        await().atMost(AWAIT).untilAsserted(() -> {
            for (RaftMetadataStore n : nodes) {
                assertThat(n.status().members()).hasSize(4);
            }
            assertThat(joined.status().members()).hasSize(4);
        });
        // cluster status, given the old peer list, asks the group's members: the joined node too
        String oldPeers = options[0].peers().stream().map(ClusterPeer::toString).collect(Collectors.joining(","));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ClusterCommand.run(new String[] {"status", "--cluster.peers", oldPeers}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("(4 of 4 peers reachable)");
        assertThat(text.lines().filter(l -> l.startsWith("3 ")).findFirst()).as(text).isPresent();
        joined.put("kafka.topic", "from-the-new-node", "{}").join();
        awaitEverywhere(List.of(0, 1, 2), "kafka.topic", Map.of("orders", "{}", "from-the-new-node", "{}"));

        // an old member restarts with the peer list it had: the stored group (four members) is the truth
        int old = (leader + 1) % 3;
        nodes[old].close();
        nodes[old] = RaftMetadataStore.open(options[old]);
        nodes[old].put("kafka.topic", "after-restart", "{}").join();
        awaitEverywhere(List.of(0, 1, 2), "kafka.topic", Map.of("orders", "{}", "from-the-new-node", "{}", "after-restart", "{}"));
        await().atMost(AWAIT).until(() -> joined.list("kafka.topic").size() == 3);

        // the joined node restarts with cluster.join still set: it is a member, it asks nothing
        joined.close();
        joined = RaftMetadataStore.open(joining);
        assertThat(joined.list("kafka.topic")).hasSize(3);
    }

    @Test
    void clusterStatusShowsEveryPeerAndTheLeader() {
        options = options(3, 10_000);
        startAll();
        int leader = awaitLeader(List.of(0, 1, 2));
        nodes[leader].put("kafka.topic", "orders", "{}").join();
        int away = (leader + 2) % 3;
        nodes[away].close();
        nodes[away] = null;
        String peers = options[0].peers().stream().map(ClusterPeer::toString).collect(Collectors.joining(","));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ClusterCommand.run(new String[] {"status", "--cluster.peers", peers}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("leader: " + leader + " (2 of 3 peers reachable)");
        assertThat(text.lines().filter(l -> l.startsWith(leader + " ")).findFirst().orElseThrow()).contains("leader");
        assertThat(text.lines().filter(l -> l.startsWith(away + " ")).findFirst().orElseThrow()).contains("unreachable");
        long applied = nodes[leader].status().self().appliedIndex();
        assertThat(text).contains(" " + applied + " ");
    }

    private void startAll() {
        List<CompletableFuture<RaftMetadataStore>> opening = new ArrayList<>();
        for (RaftOptions o : options) {
            opening.add(CompletableFuture.supplyAsync(() -> RaftMetadataStore.open(o)));
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = opening.get(i).join();
        }
    }

    /** Waits until every listed node names the same leader, one of them; returns its index. */
    private int awaitLeader(List<Integer> among) {
        return await().atMost(AWAIT).until(() -> {
            List<String> seen = among.stream().map(i -> nodes[i].leader()).toList();
            String first = seen.get(0);
            if (first == null || !seen.stream().allMatch(first::equals)) {
                return -1;
            }
            int id = Integer.parseInt(first);
            return among.contains(id) && "leader".equals(nodes[id].status().self().role()) ? id : -1;
        }, i -> i >= 0);
    }

    private void awaitEverywhere(List<Integer> on, String kind, Map<String, String> expected) {
        await().atMost(AWAIT).untilAsserted(() -> on.forEach(i -> assertThat(nodes[i].list(kind)).as("node " + i).isEqualTo(expected)));
    }

    private RaftOptions[] options(int n, long snapshotEntries) {
        int[] ports = freePorts(n);
        List<ClusterPeer> peers = IntStream.range(0, n).mapToObj(i -> new ClusterPeer(i, "127.0.0.1", ports[i])).toList();
        return IntStream.range(0, n).mapToObj(i -> new RaftOptions(i, peers, "127.0.0.1", 0, dir.resolve("node-" + i), null,
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(300), snapshotEntries, 64 * 1024, false))
                .toArray(RaftOptions[]::new);
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            sockets.stream().filter(Objects::nonNull).forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            });
        }
    }
}
