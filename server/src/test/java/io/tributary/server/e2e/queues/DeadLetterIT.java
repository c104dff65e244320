package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dead-lettering with every reason RabbitMQ has ({@code rejected}, {@code expired}, {@code maxlen},
 * {@code delivery_limit}), the exact {@code x-death} and {@code x-first-death-*} headers, the
 * dead-letter routing key, and cycle detection.
 */
class DeadLetterIT extends QueueTestBase {
    /** Declares a source queue dead-lettering into a direct exchange "dlx" and a queue bound to it by the source's name. */
    private static String withDeadLetterQueue(Channel ch, String source, Map<String, Object> args) throws Exception {
        ch.exchangeDeclare("dlx", "direct");
        String dlq = source + ".dead";
        ch.queueDeclare(dlq, false, false, false, null);
        ch.queueBind(dlq, "dlx", source);
        ch.queueBind(dlq, "dlx", "routed-" + source);
        java.util.Map<String, Object> a = new java.util.HashMap<>(args);
        a.put("x-dead-letter-exchange", "dlx");
        ch.queueDeclare(source, false, false, false, a);
        return dlq;
    }

    /** Waits for a message and takes it, auto-acked. */
    private static GetResponse awaitOne(Channel ch, String queue) {
        return awaitOne(ch, queue, true);
    }

    /** Waits for a message and takes it, to be settled by the test. */
    private static GetResponse awaitUnacked(Channel ch, String queue) {
        return awaitOne(ch, queue, false);
    }

    private static GetResponse awaitOne(Channel ch, String queue, boolean autoAck) {
        GetResponse[] r = new GetResponse[1];
        await().until(() -> (r[0] = ch.basicGet(queue, autoAck)) != null);
        return r[0];
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deaths(GetResponse r) {
        return (List<Map<String, Object>>) r.getProps().getHeaders().get("x-death");
    }

    @Test
    void rejectedMessagesCarryTheExactXDeathOfRabbitMq() throws Exception {
        try (Channel ch = channel()) {
            String dlq = withDeadLetterQueue(ch, "dl.reject", Map.of());
            long before = System.currentTimeMillis() / 1000;
            ch.basicPublish("", "dl.reject", new AMQP.BasicProperties.Builder().messageId("m-1").headers(Map.of("app", "x")).build(),
                    bytes("r1"));
            GetResponse got = awaitUnacked(ch, "dl.reject");
            ch.basicReject(got.getEnvelope().getDeliveryTag(), false);
            GetResponse dead = awaitOne(ch, dlq);
            assertThat(Rabbit.text(dead.getBody())).isEqualTo("r1");
            assertThat(dead.getEnvelope().getExchange()).isEqualTo("dlx");
            assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("dl.reject");
            assertThat(dead.getProps().getMessageId()).isEqualTo("m-1");
            Map<String, Object> h = dead.getProps().getHeaders();
            assertThat(h.get("app")).hasToString("x");
            assertThat(h.get("x-first-death-reason")).hasToString("rejected");
            assertThat(h.get("x-first-death-queue")).hasToString("dl.reject");
            assertThat(h.get("x-first-death-exchange")).hasToString("");
            List<Map<String, Object>> deaths = deaths(dead);
            assertThat(deaths).hasSize(1);
            Map<String, Object> d = deaths.get(0);
            assertThat(d.keySet()).containsExactlyInAnyOrder("count", "reason", "queue", "time", "exchange", "routing-keys");
            assertThat(d.get("count")).isEqualTo(1L);
            assertThat(d.get("reason")).hasToString("rejected");
            assertThat(d.get("queue")).hasToString("dl.reject");
            assertThat(d.get("exchange")).hasToString("");
            assertThat((List<?>) d.get("routing-keys")).map(Object::toString).containsExactly("dl.reject");
            assertThat(d.get("time")).isInstanceOf(Date.class);
            long t = ((Date) d.get("time")).getTime() / 1000;
            assertThat(t).isBetween(before, System.currentTimeMillis() / 1000);
        }
    }

    @Test
    void nackWithoutRequeueDeadLettersAndNackWithRequeueDoesNot() throws Exception {
        try (Channel ch = channel()) {
            String dlq = withDeadLetterQueue(ch, "dl.nack", Map.of());
            ch.basicPublish("", "dl.nack", null, bytes("n1"));
            GetResponse got = awaitUnacked(ch, "dl.nack");
            ch.basicNack(got.getEnvelope().getDeliveryTag(), false, true);
            GetResponse again = awaitUnacked(ch, "dl.nack");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
            assertThat(ch.messageCount(dlq)).isZero();
            ch.basicNack(again.getEnvelope().getDeliveryTag(), false, false);
            GetResponse dead = awaitOne(ch, dlq);
            assertThat(deaths(dead).get(0).get("reason")).hasToString("rejected");
        }
    }

    @Test
    void theDeadLetterRoutingKeyReplacesTheOriginalOne() throws Exception {
        try (Channel ch = channel()) {
            String dlq = withDeadLetterQueue(ch, "dl.rk", Map.of("x-dead-letter-routing-key", "routed-dl.rk"));
            ch.basicPublish("", "dl.rk", null, bytes("k"));
            GetResponse got = awaitUnacked(ch, "dl.rk");
            ch.basicReject(got.getEnvelope().getDeliveryTag(), false);
            GetResponse dead = awaitOne(ch, dlq);
            assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("routed-dl.rk");
            assertThat((List<?>) deaths(dead).get(0).get("routing-keys")).map(Object::toString).containsExactly("dl.rk");
        }
    }

    @Test
    void expiredMessagesLoseTheirExpirationAndRecordItAsOriginalExpiration() throws Exception {
        try (Channel ch = channel()) {
            String dlq = withDeadLetterQueue(ch, "dl.expired", Map.of());
            ch.basicPublish("", "dl.expired", Rabbit.expiring("50"), bytes("e1"));
            GetResponse dead = awaitOne(ch, dlq);
            assertThat(dead.getProps().getExpiration()).isNull();
            Map<String, Object> d = deaths(dead).get(0);
            assertThat(d.get("reason")).hasToString("expired");
            assertThat(d.get("original-expiration")).hasToString("50");
            assertThat(dead.getProps().getHeaders().get("x-first-death-reason")).hasToString("expired");
        }
    }

    @Test
    void dyingAgainInTheSameQueueForTheSameReasonCountsUp() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("dl.again", false, false, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "dl.again"));
            ch.basicPublish("", "dl.again", null, bytes("a"));
            for (int i = 0; i < 2; i++) {
                GetResponse got = awaitUnacked(ch, "dl.again");
                ch.basicReject(got.getEnvelope().getDeliveryTag(), false);
            }
            GetResponse third = awaitOne(ch, "dl.again");
            List<Map<String, Object>> deaths = deaths(third);
            assertThat(deaths).hasSize(1);
            assertThat(deaths.get(0).get("count")).isEqualTo(2L);
            assertThat(deaths.get(0).get("reason")).hasToString("rejected");
            assertThat(third.getProps().getHeaders().get("x-first-death-queue")).hasToString("dl.again");
        }
    }

    @Test
    void anAutomaticDeadLetterCycleIsDroppedWhereItWouldClose() throws Exception {
        try (Channel ch = channel()) {
            ch.exchangeDeclare("dl.cycle.fan", "fanout");
            ch.queueDeclare("dl.cycle.a", false, false, false, Map.of("x-message-ttl", 50, "x-dead-letter-exchange", "",
                    "x-dead-letter-routing-key", "dl.cycle.b"));
            ch.queueDeclare("dl.cycle.b", false, false, false, Map.of("x-message-ttl", 50, "x-dead-letter-exchange", "dl.cycle.fan"));
            ch.queueDeclare("dl.cycle.seen", false, false, false, null);
            ch.queueBind("dl.cycle.a", "dl.cycle.fan", "");
            ch.queueBind("dl.cycle.seen", "dl.cycle.fan", "");
            ch.basicPublish("", "dl.cycle.a", null, bytes("c"));
            GetResponse seen = awaitOne(ch, "dl.cycle.seen");
            assertThat(deaths(seen)).map(d -> d.get("queue").toString()).containsExactly("dl.cycle.b", "dl.cycle.a");
            assertThat(ch.messageCount("dl.cycle.a")).isZero();
            assertThat(ch.messageCount("dl.cycle.b")).isZero();
        }
    }

    @Test
    void aRejectedMessageMayCycleBecauseAClientActed() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("dl.self", false, false, false, Map.of("x-message-ttl", 60_000, "x-dead-letter-exchange", "",
                    "x-dead-letter-routing-key", "dl.self"));
            ch.basicPublish("", "dl.self", null, bytes("s"));
            GetResponse got = awaitUnacked(ch, "dl.self");
            ch.basicReject(got.getEnvelope().getDeliveryTag(), false);
            GetResponse back = awaitOne(ch, "dl.self");
            assertThat(deaths(back).get(0).get("reason")).hasToString("rejected");
        }
    }

    @Test
    void dropHeadDeadLettersWithReasonMaxlen() throws Exception {
        try (Channel ch = channel()) {
            String dlq = withDeadLetterQueue(ch, "dl.maxlen", Map.of("x-max-length", 2));
            for (int i = 0; i < 4; i++) {
                ch.basicPublish("", "dl.maxlen", null, bytes("m" + i));
            }
            await().until(() -> ch.messageCount(dlq) == 2);
            assertThat(Rabbit.drain(ch, "dl.maxlen")).containsExactly("m2", "m3");
            GetResponse first = ch.basicGet(dlq, true);
            assertThat(Rabbit.text(first.getBody())).isEqualTo("m0");
            assertThat(deaths(first).get(0).get("reason")).hasToString("maxlen");
        }
    }

    @Test
    void rejectPublishDlxNacksThePublisherAndDeadLettersTheMessage() throws Exception {
        try (Channel ch = channel()) {
            String dlq = withDeadLetterQueue(ch, "dl.rpdlx", Map.of("x-max-length", 1, "x-overflow", "reject-publish-dlx"));
            ch.confirmSelect();
            List<Boolean> acks = new java.util.concurrent.CopyOnWriteArrayList<>();
            ch.addConfirmListener((tag, multiple) -> acks.add(true), (tag, multiple) -> acks.add(false));
            ch.basicPublish("", "dl.rpdlx", null, bytes("kept"));
            ch.waitForConfirms(5_000);
            ch.basicPublish("", "dl.rpdlx", null, bytes("refused"));
            ch.waitForConfirms(5_000);
            assertThat(acks).containsExactly(true, false);
            GetResponse dead = awaitOne(ch, dlq);
            assertThat(Rabbit.text(dead.getBody())).isEqualTo("refused");
            assertThat(deaths(dead).get(0).get("reason")).hasToString("maxlen");
            assertThat(Rabbit.drain(ch, "dl.rpdlx")).containsExactly("kept");
        }
    }

    @Test
    void aMessageReturnedMoreOftenThanTheDeliveryLimitIsDeadLettered() throws Exception {
        try (Channel ch = channel()) {
            String dlq = withDeadLetterQueue(ch, "dl.poison", Map.of("x-delivery-limit", 1));
            ch.basicPublish("", "dl.poison", null, bytes("poison"));
            GetResponse first = awaitUnacked(ch, "dl.poison");
            assertThat(first.getProps().getHeaders()).isNull();
            ch.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
            GetResponse second = awaitUnacked(ch, "dl.poison");
            assertThat(second.getEnvelope().isRedeliver()).isTrue();
            assertThat(second.getProps().getHeaders().get("x-delivery-count")).isEqualTo(1L);
            ch.basicNack(second.getEnvelope().getDeliveryTag(), false, true);
            GetResponse dead = awaitOne(ch, dlq);
            assertThat(Rabbit.text(dead.getBody())).isEqualTo("poison");
            assertThat(deaths(dead).get(0).get("reason")).hasToString("delivery_limit");
            assertThat(ch.messageCount("dl.poison")).isZero();
        }
    }
}
