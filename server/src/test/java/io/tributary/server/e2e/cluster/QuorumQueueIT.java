package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.GetResponse;
import io.tributary.exchanges.Destination;
import io.tributary.server.quorum.QuorumQueue;
import io.tributary.server.testing.TributaryBroker;
import io.tributary.server.testing.history.QueueHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quorum queues on three in-process nodes, through the real {@code amqp-client}: one Raft group per
 * queue over the nodes, publishes confirmed once a majority has them, consumers on any member,
 * {@code basic.get} and purge from any node, the queue surviving the loss of its leader's node,
 * unacknowledged messages of a closed consumer redelivered on another node, and the delivery limit
 * dead-lettering into another quorum queue.
 */
class QuorumQueueIT {
    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final Map<String, Object> QUORUM = Map.of("x-queue-type", "quorum");
    private static List<TributaryBroker> nodes;

    @BeforeAll
    static void startCluster() {
        nodes = InProcessCluster.start(3, InProcessCluster.peers(3), (b, id) -> b);
    }

    @AfterAll
    static void stopCluster() {
        InProcessCluster.closeAll(nodes);
    }

    @Test
    void publishedThroughOneNodeConfirmedAndConsumedOnAnotherInOrder() throws Exception {
        declare(0, "qq.basic", QUORUM);
        try (Connection pub = connect(1); Connection sub = connect(2)) {
            Channel p = pub.createChannel();
            p.confirmSelect();
            for (int i = 0; i < 200; i++) {
                p.basicPublish("", "qq.basic", persistent(), ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            p.waitForConfirmsOrDie(30_000);
            Channel c = sub.createChannel();
            c.basicQos(50);
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            c.basicConsume("qq.basic", false, (tag, d) -> {
                got.add(new String(d.getBody(), StandardCharsets.UTF_8));
                c.basicAck(d.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });
            await().atMost(AWAIT).until(() -> got.size() >= 200);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add("m" + i);
            }
            assertThat(got).containsExactlyElementsOf(expected);
        }
        for (int n = 0; n < 3; n++) {
            int node = n;
            await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(node, "qq.basic")).as("node %d", node).isZero());
        }
    }

    @Test
    void getAndPurgeWorkFromEveryNodeAndADeleteRemovesTheQueueEverywhere() throws Exception {
        declare(1, "qq.get", QUORUM);
        publishConfirmed(0, "qq.get", 5, "g");
        try (Connection conn = connect(2)) {
            Channel ch = conn.createChannel();
            GetResponse first = ch.basicGet("qq.get", false);
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("g0");
            assertThat(first.getMessageCount()).isEqualTo(4);
            ch.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
            GetResponse again = ch.basicGet("qq.get", true);
            assertThat(new String(again.getBody(), StandardCharsets.UTF_8)).isEqualTo("g0");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
            assertThat(ch.queuePurge("qq.get").getMessageCount()).isEqualTo(4);
            assertThat(ch.basicGet("qq.get", true)).isNull();
            ch.queueDelete("qq.get");
        }
        for (int n = 0; n < 3; n++) {
            int node = n;
            await().atMost(AWAIT).untilAsserted(() -> assertThatThrownBy(() -> depth(node, "qq.get")).isInstanceOf(IOException.class));
        }
    }

    @Test
    void unacknowledgedDeliveriesOfAClosedConnectionAreRedeliveredToAConsumerOnAnotherNode() throws Exception {
        declare(0, "qq.redeliver", QUORUM);
        publishConfirmed(0, "qq.redeliver", 10, "r");
        LinkedBlockingQueue<String> held = new LinkedBlockingQueue<>();
        try (Connection first = connect(1)) {
            Channel c = first.createChannel();
            c.basicQos(10);
            c.basicConsume("qq.redeliver", false, (tag, d) -> held.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> { });
            await().atMost(AWAIT).until(() -> held.size() == 10);
        }
        LinkedBlockingQueue<Boolean> redelivered = new LinkedBlockingQueue<>();
        List<String> second = Collections.synchronizedList(new ArrayList<>());
        try (Connection other = connect(2)) {
            Channel c = other.createChannel();
            DeliverCallback cb = (tag, d) -> {
                second.add(new String(d.getBody(), StandardCharsets.UTF_8));
                redelivered.add(d.getEnvelope().isRedeliver());
                c.basicAck(d.getEnvelope().getDeliveryTag(), false);
            };
            c.basicConsume("qq.redeliver", false, cb, tag -> { });
            await().atMost(AWAIT).until(() -> second.size() == 10);
        }
        assertThat(second).containsExactlyInAnyOrderElementsOf(held);
        assertThat(redelivered).containsOnly(true);
    }

    @Test
    void aNodeThatIsNotAMemberProxiesItsConsumersToAMember() throws Exception {
        declare(0, "qq.pair", Map.of("x-queue-type", "quorum", "x-quorum-initial-group-size", 2));
        QuorumQueue q = await().atMost(AWAIT).until(() -> (QuorumQueue) nodes.get(0).broker().routingCore().vhosts().get("/")
                .destination("qq.pair"), d -> d != null && d.members().size() == 2);
        int outsider = List.of(0, 1, 2).stream().filter(n -> !q.members().contains(n)).findFirst().orElseThrow();
        publishConfirmed(outsider, "qq.pair", 30, "p");
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(outsider, "qq.pair")).isEqualTo(30));
        try (Connection conn = connect(outsider)) { // judged from a member's counts, not from the outsider's lack of a replica
            assertThatThrownBy(() -> conn.createChannel().queueDelete("qq.pair", false, true)).hasStackTraceContaining("not empty");
        }
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        try (Connection conn = connect(outsider)) {
            Channel c = conn.createChannel();
            c.basicQos(5);
            c.basicConsume("qq.pair", false, (tag, d) -> {
                String body = new String(d.getBody(), StandardCharsets.UTF_8);
                got.add(body);
                if (body.equals("p3") && !d.getEnvelope().isRedeliver()) {
                    c.basicNack(d.getEnvelope().getDeliveryTag(), false, true); // back once, then acked
                } else {
                    c.basicAck(d.getEnvelope().getDeliveryTag(), false);
                }
            }, tag -> { });
            await().atMost(AWAIT).until(() -> got.size() >= 31);
        }
        assertThat(got).hasSize(31).containsAll(List.of("p0", "p29"));
        assertThat(got.stream().filter("p3"::equals)).hasSize(2);
        for (int n = 0; n < 3; n++) {
            int node = n;
            await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(node, "qq.pair")).as("node %d", node).isZero());
        }
    }

    @Test
    void aMessageGotButNotAcknowledgedThroughANonMemberReturnsWhenThatNodeStops() throws Exception {
        declare(0, "qq.outsider-get", Map.of("x-queue-type", "quorum", "x-quorum-initial-group-size", 2));
        QuorumQueue q = (QuorumQueue) nodes.get(0).broker().routingCore().vhosts().get("/").destination("qq.outsider-get");
        await().atMost(AWAIT).until(() -> q.members().size() == 2);
        int outsider = List.of(0, 1, 2).stream().filter(n -> !q.members().contains(n)).findFirst().orElseThrow();
        int member = q.members().get(0);
        publishConfirmed(member, "qq.outsider-get", 1, "held");
        Connection conn = connect(outsider);
        assertThat(new String(conn.createChannel().basicGet("qq.outsider-get", false).getBody(), StandardCharsets.UTF_8)).isEqualTo("held0");
        nodes.get(outsider).stop(); // the node stops holding it (its client's connection goes with it) and stays down
        try {
            conn.abort();
            // back without the node (QuorumQueueFailoverIT kills one: then the controller gives it back)
            try (Connection other = connect(member)) {
                Channel ch = other.createChannel();
                GetResponse back = await().atMost(AWAIT).until(() -> ch.basicGet("qq.outsider-get", true), g -> g != null);
                assertThat(new String(back.getBody(), StandardCharsets.UTF_8)).isEqualTo("held0");
                assertThat(back.getEnvelope().isRedeliver()).isTrue();
            }
        } finally {
            nodes.get(outsider).startAgain();
        }
    }

    @Test
    void lengthLimitsHoldOnEveryNode() throws Exception {
        declare(0, "qq.dropped", QUORUM);
        declare(0, "qq.capped", Map.of("x-queue-type", "quorum", "x-max-length", 3, "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "qq.dropped"));
        declare(1, "qq.full", Map.of("x-queue-type", "quorum", "x-max-length", 2, "x-overflow", "reject-publish"));
        publishConfirmed(2, "qq.capped", 5, "c");
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(1, "qq.capped")).isEqualTo(3));
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(2, "qq.dropped")).isEqualTo(2));
        try (Connection conn = connect(0)) {
            Channel ch = conn.createChannel();
            assertThat(new String(ch.basicGet("qq.capped", true).getBody(), StandardCharsets.UTF_8)).isEqualTo("c2"); // the oldest two went
            GetResponse dropped = ch.basicGet("qq.dropped", true);
            assertThat(new String(dropped.getBody(), StandardCharsets.UTF_8)).isEqualTo("c0");
            assertThat(dropped.getProps().getHeaders().get("x-first-death-reason")).hasToString("maxlen");
        }
        publishConfirmed(2, "qq.full", 2, "f");
        try (Connection conn = connect(2)) {
            Channel ch = conn.createChannel();
            ch.confirmSelect();
            ch.basicPublish("", "qq.full", persistent(), "f2".getBytes(StandardCharsets.UTF_8));
            assertThat(ch.waitForConfirms(30_000)).as("the third publish to a full reject-publish queue is nacked").isFalse();
        }
        assertThat(depth(0, "qq.full")).isEqualTo(2);
    }

    @Test
    void expiredMessagesAreDeadLetteredByTheLeadersClock() throws Exception {
        declare(0, "qq.expired", QUORUM);
        declare(2, "qq.own", QUORUM);
        declare(1, "qq.ttl", Map.of("x-queue-type", "quorum", "x-message-ttl", 300, "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "qq.expired"));
        publishConfirmed(2, "qq.ttl", 3, "t");
        try (Connection conn = connect(2)) {
            Channel ch = conn.createChannel();
            ch.confirmSelect();
            AMQP.BasicProperties shortLived = new AMQP.BasicProperties.Builder().deliveryMode(2).expiration("100").build();
            ch.basicPublish("", "qq.own", shortLived, "own-ttl".getBytes(StandardCharsets.UTF_8)); // its own expiration, no DLX: dropped
            ch.waitForConfirmsOrDie(30_000);
        }
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(1, "qq.own")).isZero());
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(0, "qq.ttl")).isZero());
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(1, "qq.expired")).isEqualTo(3));
        try (Connection conn = connect(0)) {
            Channel ch = conn.createChannel();
            GetResponse first = ch.basicGet("qq.expired", true);
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("t0");
            assertThat(first.getProps().getHeaders().get("x-first-death-reason")).hasToString("expired");
        }
    }

    @Test
    void anUnusedQueueWithXExpiresIsDeletedEverywhereAndOneInUseIsNot() throws Exception {
        declare(0, "qq.lease", Map.of("x-queue-type", "quorum", "x-expires", 1500));
        declare(1, "qq.kept", Map.of("x-queue-type", "quorum", "x-expires", 1500));
        publishConfirmed(2, "qq.lease", 2, "l"); // publishing is not using it
        try (Connection conn = connect(2)) {
            Channel c = conn.createChannel();
            c.basicConsume("qq.kept", false, (tag, d) -> { }, tag -> { });
            for (int n = 0; n < 3; n++) {
                int node = n;
                await().atMost(AWAIT).untilAsserted(() -> assertThatThrownBy(() -> depth(node, "qq.lease")).isInstanceOf(IOException.class)
                        .hasStackTraceContaining("NOT_FOUND"));
            }
            assertThat(depth(0, "qq.kept")).isZero(); // its consumer keeps it
        }
    }

    @Test
    void aMessageReturnedMoreOftenThanTheDeliveryLimitIsDeadLetteredIntoAnotherQuorumQueue() throws Exception {
        declare(0, "qq.dead", QUORUM);
        try (Connection conn = connect(0)) {
            Channel ch = conn.createChannel();
            ch.exchangeDeclare("qq.dlx", "fanout", true);
            ch.queueBind("qq.dead", "qq.dlx", "");
        }
        declare(1, "qq.limited", Map.of("x-queue-type", "quorum", "x-delivery-limit", 1, "x-dead-letter-exchange", "qq.dlx"));
        publishConfirmed(2, "qq.limited", 1, "d");
        try (Connection conn = connect(2)) {
            Channel ch = conn.createChannel();
            for (int attempt = 0; attempt < 2; attempt++) {
                GetResponse r = await().atMost(AWAIT).until(() -> ch.basicGet("qq.limited", false), g -> g != null);
                ch.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
            }
            GetResponse dead = await().atMost(AWAIT).until(() -> ch.basicGet("qq.dead", true), g -> g != null);
            assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("d0");
            assertThat(dead.getProps().getHeaders()).containsKey("x-death");
            assertThat(ch.basicGet("qq.limited", true)).isNull();
        }
    }

    @Test
    void theQueueGoesOnWhenItsLeadersNodeStopsAndTheNodeCatchesUpWhenItReturns() throws Exception {
        declare(0, "qq.failover", QUORUM);
        publishConfirmed(0, "qq.failover", 100, "a");
        int leader = await().atMost(AWAIT).until(() -> leaderOf("qq.failover"), l -> l >= 0);
        int other = (leader + 1) % 3;
        int third = (leader + 2) % 3;
        nodes.get(leader).stop();
        try {
            publishConfirmed(other, "qq.failover", 100, "b");
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            try (Connection conn = connect(third)) {
                Channel c = conn.createChannel();
                c.basicQos(100);
                c.basicConsume("qq.failover", false, (tag, d) -> {
                    got.add(new String(d.getBody(), StandardCharsets.UTF_8));
                    c.basicAck(d.getEnvelope().getDeliveryTag(), false);
                }, tag -> { });
                await().atMost(AWAIT).until(() -> got.size() >= 200);
            }
            assertThat(got).hasSize(200).doesNotHaveDuplicates();
            assertThat(got.subList(0, 100)).allMatch(s -> s.startsWith("a"));
        } finally {
            nodes.get(leader).startAgain();
        }
        publishConfirmed(leader, "qq.failover", 1, "c");
        try (Connection conn = connect(leader)) {
            Channel ch = conn.createChannel();
            GetResponse r = await().atMost(AWAIT).until(() -> ch.basicGet("qq.failover", true), g -> g != null);
            assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("c0");
        }
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(leader, "qq.failover")).isZero());
    }

    @Test
    void membersAreAddedAndRemovedThroughTheHttpApiAndTheQueueKeepsEveryMessage() throws Exception {
        declare(0, "qq.members", Map.of("x-queue-type", "quorum", "x-quorum-initial-group-size", 2));
        List<Integer> initial = await().atMost(AWAIT).until(() -> membersOn(0, "qq.members"), m -> m.size() == 2);
        int outsider = List.of(0, 1, 2).stream().filter(n -> !initial.contains(n)).findFirst().orElseThrow();
        int leaving = initial.get(0);
        int staying = initial.get(1);
        publishConfirmed(staying, "qq.members", 20, "a");
        Set<String> got = ConcurrentHashMap.newKeySet();
        try (Connection consumerConn = connect(leaving)) { // consumes on a member that is removed below
            Channel c = consumerConn.createChannel();
            c.basicQos(5);
            c.basicConsume("qq.members", false, (tag, d) -> {
                got.add(new String(d.getBody(), StandardCharsets.UTF_8));
                c.basicAck(d.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });
            await().atMost(AWAIT).until(() -> got.size() == 20);

            String one = "/api/queues/quorum/%2F/qq.members/replicas/";
            assertThat(http(outsider, "POST", one + "add", "{\"node\": " + outsider + "}").statusCode()).isEqualTo(204);
            for (int n = 0; n < 3; n++) {
                int node = n;
                await().atMost(AWAIT).untilAsserted(() -> assertThat(membersOn(node, "qq.members")).as("node %d", node)
                        .containsExactlyInAnyOrder(leaving, staying, outsider));
            }
            assertThat(http(staying, "DELETE", one + "delete", "{\"node\": \"" + leaving + "\"}").statusCode()).isEqualTo(204);
            for (int n = 0; n < 3; n++) {
                int node = n;
                await().atMost(AWAIT).untilAsserted(() -> assertThat(membersOn(node, "qq.members")).as("node %d", node)
                        .containsExactlyInAnyOrder(staying, outsider));
            }
            // two members left: a confirm now needs the added node's replica, and the removed node's consumer goes on through a member
            publishConfirmed(leaving, "qq.members", 10, "b");
            await().atMost(AWAIT).until(() -> got.size() == 30);
        }
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(outsider, "qq.members")).isZero());

        // shrink takes a node's replicas out of every queue (not the last one), grow puts them back
        HttpResponse<String> shrunk = http(outsider, "DELETE", "/api/queues/quorum/replicas/on/" + staying + "/shrink", "{}");
        assertThat(shrunk.statusCode()).isEqualTo(200);
        assertThat(shrunk.body()).contains("\"name\":\"qq.members\"").contains("\"result\":\"ok\"");
        await().atMost(AWAIT).untilAsserted(() -> assertThat(membersOn(staying, "qq.members")).containsExactly(outsider));
        assertThat(http(staying, "DELETE", "/api/queues/quorum/%2F/qq.members/replicas/delete", "{\"node\": " + outsider + "}")
                .body()).contains("last replica");
        publishConfirmed(staying, "qq.members", 5, "c");
        // the command line does the same through a node's HTTP API (tributary queues, as rabbitmq-queues)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String url = nodes.get(staying).httpBase();
        assertThat(cli(out, err, "delete-member", "qq.members", Integer.toString(outsider), "--url", url)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("last replica");
        assertThat(cli(out, err, "grow", Integer.toString(leaving), "--vhost-pattern", "^/$", "--queue-pattern", "^qq\\.members$",
                "--url", url)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("/ qq.members: ok (2 members)");
        await().atMost(AWAIT).untilAsserted(() -> assertThat(membersOn(outsider, "qq.members")).containsExactlyInAnyOrder(outsider, leaving));
        try (Connection conn = connect(leaving)) { // served by the replica the node holds again
            Channel ch = conn.createChannel();
            for (int i = 0; i < 5; i++) {
                GetResponse r = await().atMost(AWAIT).until(() -> ch.basicGet("qq.members", true), g -> g != null);
                assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("c" + i);
            }
        }
    }

    @Test
    void aCancelledConsumerGetsNothingMoreAndKeepsWhatItMayStillAcknowledge() throws Exception {
        declare(0, "qq.cancel", QUORUM);
        publishConfirmed(0, "qq.cancel", 3, "x");
        Connection first = connect(1);
        try (Connection second = connect(2)) {
            Channel a = first.createChannel();
            a.basicQos(3);
            LinkedBlockingQueue<Long> tags = new LinkedBlockingQueue<>();
            String tag = a.basicConsume("qq.cancel", false, (t, d) -> tags.add(d.getEnvelope().getDeliveryTag()), t -> { });
            await().atMost(AWAIT).until(() -> tags.size() == 3);
            a.basicCancel(tag); // cancel-ok arrives; the three stay held by the channel
            a.basicAck(tags.poll(), false);
            publishConfirmed(0, "qq.cancel", 3, "y");
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> redelivered = Collections.synchronizedList(new ArrayList<>());
            Channel b = second.createChannel();
            b.basicConsume("qq.cancel", true, (t, d) -> {
                got.add(new String(d.getBody(), StandardCharsets.UTF_8));
                redelivered.add(d.getEnvelope().isRedeliver());
            }, t -> { });
            await().atMost(AWAIT).until(() -> got.size() == 3);
            assertThat(got).containsExactly("y0", "y1", "y2");
            assertThat(redelivered).containsOnly(false);
            first.close(); // the two the cancelled consumer still held return, redelivered
            await().atMost(AWAIT).until(() -> got.size() == 5);
            assertThat(got.subList(3, 5)).containsExactlyInAnyOrder("x1", "x2");
            assertThat(redelivered.subList(3, 5)).containsOnly(true);
        }
    }

    @Test
    void membersChangeUnderConfirmedLoadWithoutLosingAMessage() throws Exception {
        declare(0, "qq.moving", Map.of("x-queue-type", "quorum", "x-quorum-initial-group-size", 2));
        List<Integer> initial = await().atMost(AWAIT).until(() -> membersOn(0, "qq.moving"), m -> m.size() == 2);
        int outsider = List.of(0, 1, 2).stream().filter(n -> !initial.contains(n)).findFirst().orElseThrow();
        QueueHistory history = new QueueHistory();
        List<Integer> ports = nodes.stream().map(TributaryBroker::amqpPort).toList();
        String one = "/api/queues/quorum/%2F/qq.moving/replicas/";
        AckingConsumer consumer = new AckingConsumer("qq.moving", ports, outsider, history, new AckTimes(2));
        try (ConfirmingPublisher publisher = new ConfirmingPublisher("m", "qq.moving", ports, 300, 200, history, new AckTimes(2))) {
            awaitConfirmed(history, 100);
            assertThat(http(outsider, "POST", one + "add", "{\"node\": " + outsider + "}").statusCode()).isEqualTo(204);
            awaitConfirmed(history, 100);
            int leader = await().atMost(AWAIT).until(() -> leaderOf("qq.moving"), l -> l >= 0);
            // the leader goes: the others commit the change, elect one of them, and publishes go on
            assertThat(http(outsider, "DELETE", one + "delete", "{\"node\": " + leader + "}").statusCode()).isEqualTo(204);
            awaitConfirmed(history, 100);
            assertThat(http(leader, "POST", one + "add", "{\"node\": " + leader + "}").statusCode()).isEqualTo(204);
            awaitConfirmed(history, 100);
        } finally {
            try {
                await().atMost(AWAIT).until(() -> history.undelivered() == 0);
            } finally {
                consumer.close();
            }
        }
        QueueHistory.Report report = history.check();
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(membersOn(outsider, "qq.moving")).hasSize(3);
    }

    private static void awaitConfirmed(QueueHistory history, long more) {
        long target = history.confirmedCount() + more;
        await().atMost(AWAIT).until(() -> history.confirmedCount() >= target && history.deliveredCount() > 0);
    }

    @Test
    void leadersPiledOnOneNodeAreSpreadByARebalance() throws Exception {
        List<String> queues = List.of("qq.rb0", "qq.rb1", "qq.rb2", "qq.rb3", "qq.rb4", "qq.rb5");
        for (String q : queues) {
            declare(0, q, QUORUM);
            QuorumQueue queue = (QuorumQueue) nodes.get(0).broker().routingCore().vhosts().get("/").destination(q);
            queue.transferLeadership(0).join(); // as after a rolling restart: one node leads them all
        }
        await().atMost(AWAIT).until(() -> queues.stream().allMatch(q -> leaderOf(q) == 0));
        assertThat(http(2, "POST", "/api/rebalance/queues", "{}").statusCode()).isEqualTo(204);
        // every quorum queue of the cluster counts (other tests' too): afterwards no queue's leader's
        // node leads two more queues than another of that queue's members
        await().atMost(AWAIT).untilAsserted(() -> {
            List<QuorumQueue> all = nodes.get(0).broker().routingCore().vhosts().get("/").destinations().stream()
                    .filter(d -> d instanceof QuorumQueue).map(d -> (QuorumQueue) d).toList();
            Map<Integer, Long> led = all.stream().map(q -> leaderOf(q.name())).filter(l -> l >= 0)
                    .collect(java.util.stream.Collectors.groupingBy(l -> l, java.util.stream.Collectors.counting()));
            for (QuorumQueue q : all) {
                int l = leaderOf(q.name());
                assertThat(l).as("leader of %s", q.name()).isNotNegative();
                for (int m : q.members()) {
                    assertThat(led.getOrDefault(l, 0L)).as("%s: node %d leads %s", q.name(), l, led).isLessThan(led.getOrDefault(m, 0L) + 2);
                }
            }
            assertThat(queues.stream().filter(q -> leaderOf(q) != 0)).as("moved off node 0").isNotEmpty();
        });
    }

    // ---- helpers ----

    private static int cli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return io.tributary.server.cli.QueuesCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<Integer> membersOn(int node, String queue) {
        Destination d = nodes.get(node).broker().routingCore().vhosts().get("/").destination(queue);
        return d instanceof QuorumQueue q ? q.members() : List.of();
    }

    private static HttpResponse<String> http(int node, String method, String path, String json) throws Exception {
        return ManagementCalls.call(nodes.get(node), method, path, json);
    }

    private static int leaderOf(String queue) {
        for (int i = 0; i < nodes.size(); i++) {
            Destination d = nodes.get(i).broker().routingCore().vhosts().get("/").destination(queue);
            if (d instanceof QuorumQueue q && q.leads()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Declares on {@code node} and waits until every node knows the queue: the others learn of it
     * from the replicated metadata a moment later, and a publish through a node that does not know
     * it yet is unroutable (see the README's limits).
     */
    private static void declare(int node, String queue, Map<String, Object> args) throws Exception {
        try (Connection conn = connect(node)) {
            conn.createChannel().queueDeclare(queue, true, false, false, args);
        }
        for (TributaryBroker n : nodes) {
            await().atMost(AWAIT).until(() -> n.broker().routingCore().vhosts().get("/").destination(queue) != null);
        }
    }

    private static void publishConfirmed(int node, String queue, int count, String prefix) throws Exception {
        try (Connection conn = connect(node)) {
            Channel ch = conn.createChannel();
            ch.confirmSelect();
            for (int i = 0; i < count; i++) {
                ch.basicPublish("", queue, persistent(), (prefix + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
        }
    }

    /** Ready plus unacknowledged, as a passive declare on {@code node} reports it. */
    private static long depth(int node, String queue) throws Exception {
        try (Connection conn = connect(node)) {
            return conn.createChannel().queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static AMQP.BasicProperties persistent() {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).build();
    }

    private static Connection connect(int node) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(nodes.get(node).amqpUri());
        f.setConnectionTimeout((int) TimeUnit.SECONDS.toMillis(10));
        return f.newConnection();
    }
}
