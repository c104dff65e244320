package io.tributary.server.e2e.amqp091;

import static io.tributary.server.e2e.amqp091.Amqp.bytes;
import static io.tributary.server.e2e.amqp091.Amqp.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every exchange type's exact routing, as RabbitMQ clients observe it. */
class RoutingIT extends AmqpTestBase {
    private static String queueBoundTo(Channel ch, String exchange, String key) throws IOException {
        String q = ch.queueDeclare().getQueue();
        ch.queueBind(q, exchange, key);
        return q;
    }

    @Test
    void defaultExchangeRoutesByQueueNameAndAmqExchangesExist() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare("by-name", false, false, true, null).getQueue();
            ch.basicPublish("", "by-name", null, bytes("direct to queue"));
            ch.basicPublish("", "no-such-queue", null, bytes("dropped"));
            assertThat(drain(ch, q)).containsExactly("direct to queue");
            for (String x : List.of("amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match")) {
                ch.exchangeDeclarePassive(x);
            }
        }
    }

    @Test
    void directRoutesOnExactKey() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare("logs-direct", "direct");
            String errors = queueBoundTo(ch, "logs-direct", "error");
            String all = queueBoundTo(ch, "logs-direct", "error");
            ch.queueBind(all, "logs-direct", "info");
            ch.basicPublish("logs-direct", "error", null, bytes("e1"));
            ch.basicPublish("logs-direct", "info", null, bytes("i1"));
            ch.basicPublish("logs-direct", "warning", null, bytes("w1"));
            ch.basicPublish("logs-direct", "ERROR", null, bytes("upper"));
            assertThat(drain(ch, errors)).containsExactly("e1");
            assertThat(drain(ch, all)).containsExactly("e1", "i1");
        }
    }

    @Test
    void fanoutCopiesToEveryBoundQueueOnce() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare("news", "fanout");
            String a = queueBoundTo(ch, "news", "");
            String b = queueBoundTo(ch, "news", "ignored");
            ch.queueBind(b, "news", "second-binding");
            ch.basicPublish("news", "anything", null, bytes("n1"));
            assertThat(drain(ch, a)).containsExactly("n1");
            assertThat(drain(ch, b)).containsExactly("n1");
        }
    }

    @Test
    void topicMatchesStarAndHash() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "*.orange.*", List.of("quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox"),
                "*.*.rabbit", List.of("quick.orange.rabbit", "lazy.pink.rabbit"),
                "lazy.#", List.of("lazy.orange.elephant", "lazy.brown.fox", "lazy.pink.rabbit", "lazy", "lazy.orange.male.rabbit"),
                "#", List.of("quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox", "lazy.brown.fox", "lazy.pink.rabbit",
                        "quick.brown.fox", "orange", "quick.orange.male.rabbit", "lazy", "lazy.orange.male.rabbit", ""),
                "#.fox", List.of("quick.orange.fox", "lazy.brown.fox", "quick.brown.fox"),
                "a.#.b.#", List.of(),
                "orange", List.of("orange"));
        List<String> keys = List.of("quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox", "lazy.brown.fox",
                "lazy.pink.rabbit", "quick.brown.fox", "orange", "quick.orange.male.rabbit", "lazy", "lazy.orange.male.rabbit", "");
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare("animals", "topic");
            Map<String, String> queues = new HashMap<>();
            for (String pattern : expected.keySet()) {
                queues.put(pattern, queueBoundTo(ch, "animals", pattern));
            }
            for (String key : keys) {
                ch.basicPublish("animals", key, null, bytes(key));
            }
            for (Map.Entry<String, List<String>> e : expected.entrySet()) {
                assertThat(drain(ch, queues.get(e.getKey()))).as("pattern %s", e.getKey()).containsExactlyElementsOf(e.getValue());
            }
            ch.queueUnbind(queues.get("#"), "animals", "#");
            ch.basicPublish("animals", "lazy", null, bytes("after unbind"));
            assertThat(drain(ch, queues.get("#"))).isEmpty();
            assertThat(drain(ch, queues.get("lazy.#"))).containsExactly("after unbind");
        }
    }

    @Test
    void headersMatchAllAnyAndWithX() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare("hdr", "headers");
            String all = ch.queueDeclare().getQueue();
            ch.queueBind(all, "hdr", "", Map.of("x-match", "all", "format", "pdf", "type", "report"));
            String any = ch.queueDeclare().getQueue();
            ch.queueBind(any, "hdr", "", Map.of("x-match", "any", "format", "pdf", "type", "log"));
            String defaultAll = ch.queueDeclare().getQueue();
            ch.queueBind(defaultAll, "hdr", "", Map.of("size", 42));
            String allWithX = ch.queueDeclare().getQueue();
            ch.queueBind(allWithX, "hdr", "", Map.of("x-match", "all-with-x", "x-tenant", "acme"));
            String anyWithX = ch.queueDeclare().getQueue();
            ch.queueBind(anyWithX, "hdr", "", Map.of("x-match", "any-with-x", "x-tenant", "acme", "zone", "eu"));

            publish(ch, "pdf-report", Map.of("format", "pdf", "type", "report"));
            publish(ch, "pdf-only", Map.of("format", "pdf"));
            publish(ch, "log", Map.of("type", "log", "size", 42L));
            publish(ch, "tenant", Map.of("x-tenant", "acme"));
            publish(ch, "eu", Map.of("zone", "eu"));
            publish(ch, "none", Map.of());

            assertThat(drain(ch, all)).containsExactly("pdf-report");
            assertThat(drain(ch, any)).containsExactly("pdf-report", "pdf-only", "log");
            assertThat(drain(ch, defaultAll)).containsExactly("log");
            assertThat(drain(ch, allWithX)).containsExactly("tenant");
            assertThat(drain(ch, anyWithX)).containsExactly("tenant", "eu");
        }
    }

    private static void publish(Channel ch, String body, Map<String, Object> headers) throws IOException {
        ch.basicPublish("hdr", "", new AMQP.BasicProperties.Builder().headers(headers).build(), bytes(body));
    }

    @Test
    void invalidXMatchIsRefusedWith406() throws Exception {
        Channel ch = connection.createChannel();
        String q = ch.queueDeclare().getQueue();
        assertThatThrownBy(() -> ch.queueBind(q, "amq.headers", "", Map.of("x-match", "some")))
                .satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(406));
    }

    @Test
    void alternateExchangeTakesWhatTheExchangeCannotRoute() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare("unrouted", "fanout");
            String lost = queueBoundTo(ch, "unrouted", "");
            ch.exchangeDeclare("with-ae", "direct", false, false, Map.of("alternate-exchange", "unrouted"));
            String known = queueBoundTo(ch, "with-ae", "known");
            ch.basicPublish("with-ae", "known", null, bytes("routed"));
            ch.basicPublish("with-ae", "unknown", null, bytes("to ae"));
            assertThat(drain(ch, known)).containsExactly("routed");
            assertThat(drain(ch, lost)).containsExactly("to ae");
        }
    }

    @Test
    void exchangeToExchangeBindingsFollowChainsAndStopAtCycles() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare("e2e-front", "topic");
            ch.exchangeDeclare("e2e-back", "fanout");
            ch.exchangeBind("e2e-back", "e2e-front", "orders.*");
            ch.exchangeBind("e2e-front", "e2e-back", "");
            String q = queueBoundTo(ch, "e2e-back", "");
            String direct = queueBoundTo(ch, "e2e-front", "orders.created");
            ch.basicPublish("e2e-front", "orders.created", null, bytes("o1"));
            ch.basicPublish("e2e-front", "payments.done", null, bytes("p1"));
            ch.basicPublish("e2e-back", "x", null, bytes("b1"));
            assertThat(drain(ch, q)).containsExactly("o1", "b1");
            assertThat(drain(ch, direct)).containsExactly("o1");
            ch.exchangeUnbind("e2e-back", "e2e-front", "orders.*");
            ch.basicPublish("e2e-front", "orders.created", null, bytes("o2"));
            assertThat(drain(ch, q)).isEmpty();
        }
    }

    @Test
    void internalExchangesOnlyTakeMessagesFromOtherExchanges() throws Exception {
        Channel ch = connection.createChannel();
        ch.exchangeDeclare("inner", "fanout", false, false, true, null);
        ch.exchangeDeclare("outer", "fanout");
        ch.exchangeBind("inner", "outer", "");
        String q = queueBoundTo(ch, "inner", "");
        ch.basicPublish("outer", "", null, bytes("via outer"));
        assertThat(drain(ch, q)).containsExactly("via outer");
        ch.basicPublish("inner", "", null, bytes("direct"));
        assertThatThrownBy(() -> ch.queueDeclarePassive(q)).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(403);
            assertThat(Amqp.replyText(e)).isEqualTo("ACCESS_REFUSED - cannot publish to internal exchange 'inner' in vhost '/'");
        });
    }

    @Test
    void autoDeleteExchangeGoesWithItsLastBinding() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare("short-lived", "direct", false, true, null);
            String q = queueBoundTo(ch, "short-lived", "k");
            ch.exchangeDeclarePassive("short-lived");
            ch.queueUnbind(q, "short-lived", "k");
        }
        Channel ch = connection.createChannel();
        assertThatThrownBy(() -> ch.exchangeDeclarePassive("short-lived")).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(404));
    }

    @Test
    void deleteIfUnusedRefusesABoundExchange() throws Exception {
        Channel ch = connection.createChannel();
        ch.exchangeDeclare("in-use", "fanout");
        queueBoundTo(ch, "in-use", "");
        assertThatThrownBy(() -> ch.exchangeDelete("in-use", true)).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(406));
        Channel ch2 = connection.createChannel();
        ch2.exchangeDelete("in-use");
        assertThatThrownBy(() -> ch2.exchangeDeclarePassive("in-use")).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(404));
    }
}
