package io.tributary.server.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.tributary.server.remote.RemoteQueue;
import io.tributary.server.testing.TributaryBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Classic queues reached from any node of a three-node cluster, through the real {@code amqp-client}
 * (ADR 007 step 5): the queue lives on the node it was declared on; a client of another node
 * declares it passively, publishes to it (confirmed once the home confirmed), consumes from it with
 * prefetch and manual acks, gets, requeues, purges and deletes it, as on the home node. A proxied
 * consumer's connection closing gives its unacknowledged messages back; exclusivity holds across
 * nodes; a node restarted keeps reaching it, and while the home is down the others say so.
 */
class RemoteQueueIT {
    private static final Duration AWAIT = Duration.ofSeconds(60);
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
    void publishedOnOneNodeConsumedOnAnotherFromAQueueHeldByAThird() throws Exception {
        declare(0, "cq.orders");
        awaitKnown("cq.orders");
        try (Connection conn = connect(2)) {
            Channel ch = conn.createChannel();
            ch.exchangeDeclare("cq.orders.x", "direct", true);
            ch.queueBind("cq.orders", "cq.orders.x", "eu");
        }
        publishConfirmed(1, "", "cq.orders", 50, "a");
        publishConfirmed(1, "cq.orders.x", "eu", 50, "b");
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(0, "cq.orders")).isEqualTo(100));
        // the management API of another node shows where it lives and what the home counts
        assertThat(apiQueue(2, "cq.orders")).contains("\"home_node\":0").contains("\"messages\":100");

        List<String> got = Collections.synchronizedList(new ArrayList<>());
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        try (Connection conn = connect(2)) {
            Channel c = conn.createChannel();
            c.basicQos(10);
            c.basicConsume("cq.orders", false, (tag, d) -> {
                got.add(new String(d.getBody(), StandardCharsets.UTF_8));
                keys.add(d.getEnvelope().getRoutingKey());
                assertThat(d.getProperties().getDeliveryMode()).isEqualTo(2);
                assertThat(d.getProperties().getHeaders()).containsOnlyKeys("n").containsEntry("n", 7);
                c.basicAck(d.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });
            await().atMost(AWAIT).until(() -> got.size() >= 100);
        }
        assertThat(got).hasSize(100).doesNotHaveDuplicates();
        assertThat(got.subList(0, 50)).allMatch(s -> s.startsWith("a"));
        assertThat(got.subList(50, 100)).allMatch(s -> s.startsWith("b"));
        // the envelope each was published with on node 1, not the forwarding between the nodes
        assertThat(keys.subList(0, 50)).containsOnly("cq.orders");
        assertThat(keys.subList(50, 100)).containsOnly("eu");
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(0, "cq.orders")).isZero());
        assertThat(depth(1, "cq.orders")).isZero();
    }

    @Test
    void getRequeuePurgeAndDeleteThroughOtherNodes() throws Exception {
        declare(1, "cq.ops");
        awaitKnown("cq.ops");
        publishConfirmed(0, "", "cq.ops", 5, "m");
        try (Connection conn = connect(2)) {
            Channel ch = conn.createChannel();
            GetResponse first = ch.basicGet("cq.ops", false);
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("m0");
            assertThat(first.getMessageCount()).isEqualTo(4);
            ch.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
            GetResponse again = await().atMost(AWAIT).until(() -> ch.basicGet("cq.ops", false), g -> g != null);
            assertThat(new String(again.getBody(), StandardCharsets.UTF_8)).isEqualTo("m0");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
            ch.basicAck(again.getEnvelope().getDeliveryTag(), false);
            assertThat(ch.queuePurge("cq.ops").getMessageCount()).isEqualTo(4);
        }
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(1, "cq.ops")).isZero());
        publishConfirmed(2, "", "cq.ops", 3, "n");
        try (Connection conn = connect(0)) {
            Channel ch = conn.createChannel();
            assertThatThrownBy(() -> ch.queueDelete("cq.ops", false, true)).isInstanceOf(IOException.class)
                    .hasStackTraceContaining("not empty");
        }
        try (Connection conn = connect(0)) {
            assertThat(conn.createChannel().queueDelete("cq.ops").getMessageCount()).isEqualTo(3);
        }
        for (int node = 0; node < 3; node++) {
            int n = node;
            await().atMost(AWAIT).untilAsserted(() -> assertThatThrownBy(() -> depth(n, "cq.ops")).hasStackTraceContaining("NOT_FOUND"));
        }
    }

    @Test
    void unacknowledgedMessagesOfAProxiedConsumerGoBackWhenItsConnectionCloses() throws Exception {
        declare(0, "cq.unacked");
        awaitKnown("cq.unacked");
        publishConfirmed(0, "", "cq.unacked", 20, "u");
        List<String> held = Collections.synchronizedList(new ArrayList<>());
        try (Connection conn = connect(1)) {
            Channel c = conn.createChannel();
            c.basicQos(5);
            c.basicConsume("cq.unacked", false, (tag, d) -> held.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> { });
            await().atMost(AWAIT).until(() -> held.size() == 5);
            assertThat(depth(0, "cq.unacked")).isEqualTo(15); // ready; the five are unacknowledged at the home
        }
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(0, "cq.unacked")).isEqualTo(20));
        try (Connection conn = connect(2)) {
            Channel ch = conn.createChannel();
            GetResponse r = ch.basicGet("cq.unacked", true);
            assertThat(held).contains(new String(r.getBody(), StandardCharsets.UTF_8));
            assertThat(r.getEnvelope().isRedeliver()).isTrue();
        }
    }

    @Test
    void anExclusiveConsumerOnOneNodeLocksOutConsumersOfTheOthers() throws Exception {
        declare(2, "cq.exclusive");
        awaitKnown("cq.exclusive");
        try (Connection owner = connect(1)) {
            owner.createChannel().basicConsume("cq.exclusive", false, "", false, true, null, (tag, d) -> { }, tag -> { });
            try (Connection other = connect(0)) {
                Channel ch = other.createChannel();
                assertThatThrownBy(() -> ch.basicConsume("cq.exclusive", false, (tag, d) -> { }, tag -> { }))
                        .isInstanceOf(IOException.class).hasStackTraceContaining("ACCESS_REFUSED");
            }
        }
    }

    @Test
    void whileTheHomeIsDownOthersSaySoAndAfterItReturnsTheQueueIsReachableAgain() throws Exception {
        declare(2, "cq.home");
        awaitKnown("cq.home");
        publishConfirmed(0, "", "cq.home", 3, "h");
        nodes.get(2).stop();
        try {
            try (Connection conn = connect(0)) {
                Channel ch = conn.createChannel();
                assertThatThrownBy(() -> ch.queueDeclarePassive("cq.home")).isInstanceOf(IOException.class)
                        .hasStackTraceContaining("home node 2");
            }
            nodes.get(1).stop();
            nodes.get(1).startAgain(); // recovers the queue as homed on node 2
        } finally {
            nodes.get(2).startAgain();
        }
        await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(1, "cq.home")).isEqualTo(3));
        publishConfirmed(1, "", "cq.home", 1, "i");
        assertThat(depth(0, "cq.home")).isEqualTo(4);
        assertThat(nodes.get(1).broker().routingCore().vhosts().get("/").destination("cq.home")).isInstanceOf(RemoteQueue.class);
    }

    // ---- helpers ----

    /**
     * RabbitMQ's declarations hold on every node once declare-ok is sent; here the other nodes follow
     * them from the replicated metadata a moment later, so a node that does not know a name catches
     * up before it answers: right after declare-ok on one node, another node routes a mandatory
     * publish to the queue (no basic.return, confirmed), declares it passively, binds it to an
     * exchange declared just before, and a third refuses a redeclaration with other arguments.
     */
    @Test
    void whatOneNodeDeclaredIsUsableAtOnceThroughTheOthers() throws Exception {
        List<Connection> conns = new ArrayList<>();
        try {
            List<Channel> channels = new ArrayList<>();
            for (int node = 0; node < nodes.size(); node++) {
                Connection c = connect(node);
                conns.add(c);
                Channel ch = c.createChannel();
                ch.confirmSelect();
                channels.add(ch);
            }
            List<String> returned = Collections.synchronizedList(new ArrayList<>());
            channels.forEach(ch -> ch.addReturnListener(r -> returned.add(r.getExchange() + "/" + r.getRoutingKey())));
            int rounds = 12;
            for (int i = 0; i < rounds; i++) {
                Channel declarer = channels.get(i % 3);
                Channel publisher = channels.get((i + 1) % 3);
                Channel binder = channels.get((i + 2) % 3);
                String q = "sync.q" + i;
                String x = "sync.x" + i;
                declarer.exchangeDeclare(x, "direct", true);
                declarer.queueDeclare(q, true, false, false, Map.of());
                publisher.basicPublish("", q, true, null, ("d" + i).getBytes(StandardCharsets.UTF_8));
                publisher.waitForConfirmsOrDie(30_000);
                assertThat(binder.queueDeclarePassive(q).getQueue()).isEqualTo(q);
                binder.queueBind(q, x, "k");
                binder.basicPublish(x, "k", true, null, ("b" + i).getBytes(StandardCharsets.UTF_8));
                binder.waitForConfirmsOrDie(30_000);
            }
            assertThat(returned).isEmpty();
            for (int i = 0; i < rounds; i++) {
                int home = i % 3;
                String q = "sync.q" + i;
                await().atMost(AWAIT).untilAsserted(() -> assertThat(depth(home, q)).isEqualTo(2));
            }
            // a redeclaration through another node right after, with other arguments, is refused as on the home
            channels.get(0).queueDeclare("sync.args", true, false, false, Map.of("x-max-length", 5));
            try (Connection other = connect(1)) {
                assertThatThrownBy(() -> other.createChannel().queueDeclare("sync.args", true, false, false, Map.of("x-max-length", 6)))
                        .hasStackTraceContaining("PRECONDITION_FAILED");
            }
        } finally {
            for (Connection c : conns) {
                c.close();
            }
        }
    }

    /** The same over AMQP 1.0 (Qpid JMS): links attached through other nodes right after the declarations. */
    @Test
    void amqp10LinksAttachThroughOtherNodesRightAfterADeclaration() throws Exception {
        for (int i = 0; i < 6; i++) {
            String q = "sync.jms" + i;
            String x = "sync.jms.x" + i;
            try (Connection conn = connect(i % 3)) {
                Channel ch = conn.createChannel();
                ch.exchangeDeclare(x, "direct", true);
                ch.queueDeclare(q, true, false, false, Map.of());
                ch.queueBind(q, x, "k");
            }
            org.apache.qpid.jms.JmsConnectionFactory f = new org.apache.qpid.jms.JmsConnectionFactory("guest", "guest",
                    "amqp://127.0.0.1:" + nodes.get((i + 1) % 3).amqpPort());
            try (jakarta.jms.Connection jms = f.createConnection()) {
                jms.start();
                jakarta.jms.Session s = jms.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                jakarta.jms.MessageConsumer consumer = s.createConsumer(s.createQueue("/queues/" + q));
                s.createProducer(s.createQueue("/exchanges/" + x + "/k")).send(s.createTextMessage("via-x" + i));
                s.createProducer(s.createQueue("/queues/" + q)).send(s.createTextMessage("via-q" + i));
                List<String> got = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    jakarta.jms.Message m = consumer.receive(30_000);
                    assertThat(m).as("message %d of round %d", n, i).isNotNull();
                    got.add(((jakarta.jms.TextMessage) m).getText());
                }
                assertThat(got).containsExactlyInAnyOrder("via-x" + i, "via-q" + i);
            }
        }
    }

    private static void declare(int node, String queue) throws Exception {
        try (Connection conn = connect(node)) {
            conn.createChannel().queueDeclare(queue, true, false, false, Map.of());
        }
    }

    /** Every node knows the queue (the others follow its declaration). */
    private static void awaitKnown(String queue) {
        for (int node = 0; node < nodes.size(); node++) {
            int n = node;
            await().atMost(AWAIT).until(() -> nodes.get(n).broker().routingCore().vhosts().get("/").destination(queue) != null);
        }
    }

    private static void publishConfirmed(int node, String exchange, String key, int count, String prefix) throws Exception {
        try (Connection conn = connect(node)) {
            Channel ch = conn.createChannel();
            ch.confirmSelect();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).headers(Map.of("n", 7)).build();
            for (int i = 0; i < count; i++) {
                ch.basicPublish(exchange, key, props, (prefix + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
        }
    }

    /** Ready messages, as a passive declare on {@code node} reports them. */
    private static long depth(int node, String queue) throws Exception {
        try (Connection conn = connect(node)) {
            return conn.createChannel().queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static String apiQueue(int node, String queue) throws Exception {
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(nodes.get(node).httpBase() + "/api/queues/%2F/" + queue))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                .build();
        return java.net.http.HttpClient.newHttpClient().send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Connection connect(int node) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(nodes.get(node).amqpUri());
        f.setConnectionTimeout((int) TimeUnit.SECONDS.toMillis(10));
        return f.newConnection();
    }
}
