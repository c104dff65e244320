package io.tributary.queues.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormat;
import io.tributary.exchanges.message.MessageProperties;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RabbitMQ's x-death rules, on messages whose properties live in memory. */
class XDeathTest {
    private static final long NOW = 1_700_000_123_456L;

    /** A format that keeps the properties object itself (encode/decode are not needed here). */
    private static Message message(Map<String, Object> headers, String expiration, String exchange, String key) {
        MessageProperties p = new MessageProperties(null, null, headers, 2, null, null, null, expiration, null, null, null, null,
                null, null);
        MessageFormat f = new MessageFormat() {
            @Override
            public String name() {
                return "mem";
            }

            @Override
            public MessageProperties decode(byte[] encoded) {
                return p;
            }

            @Override
            public byte[] encode(MessageProperties properties) {
                return new byte[] {1};
            }
        };
        return new Message(f, new byte[] {1}, new byte[0], exchange, key, 0).withProperties(p);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deaths(Message m) {
        return (List<Map<String, Object>>) m.properties().headers().get("x-death");
    }

    @Test
    void theFirstDeathSetsXDeathAndTheFirstDeathHeaders() {
        Message dead = XDeath.deadLettered(message(Map.of("CC", List.of("cc-key")), "5000", "orders", "new"), Reason.EXPIRED,
                "q1", "dlx", null, NOW);
        assertThat(dead.exchange()).isEqualTo("dlx");
        assertThat(dead.routingKey()).isEqualTo("new");
        assertThat(dead.properties().expiration()).isNull();
        Map<String, Object> h = dead.properties().headers();
        assertThat(h).containsEntry("x-first-death-reason", "expired").containsEntry("x-first-death-queue", "q1")
                .containsEntry("x-first-death-exchange", "orders").containsKey("CC");
        assertThat(deaths(dead)).containsExactly(Map.of("count", 1L, "reason", "expired", "queue", "q1",
                "time", new Date(1_700_000_123_000L), "exchange", "orders", "routing-keys", List.of("new", "cc-key"),
                "original-expiration", "5000"));
    }

    @Test
    void dyingAgainForTheSameQueueAndReasonCountsUpAndMovesFirst() {
        Message m = message(null, null, "", "a");
        Message once = XDeath.deadLettered(m, Reason.REJECTED, "a", "", "b", NOW);
        Message twice = XDeath.deadLettered(once, Reason.EXPIRED, "b", "", "a", NOW + 1000);
        Message thrice = XDeath.deadLettered(twice, Reason.REJECTED, "a", "", "b", NOW + 2000);
        assertThat(deaths(thrice)).extracting(d -> d.get("queue") + "/" + d.get("reason") + "/" + d.get("count"))
                .containsExactly("a/rejected/2", "b/expired/1");
        assertThat(deaths(thrice).get(0).get("time")).isEqualTo(new Date(1_700_000_123_000L));
        assertThat(thrice.properties().headers()).containsEntry("x-first-death-queue", "a");
        assertThat(thrice.routingKey()).isEqualTo("b");
    }

    @Test
    void aDeadLetterRoutingKeyDropsTheCcHeader() {
        Message dead = XDeath.deadLettered(message(Map.of("CC", List.of("x")), null, "e", "k"), Reason.MAXLEN, "q", "dlx", "rk", NOW);
        assertThat(dead.routingKey()).isEqualTo("rk");
        assertThat(dead.properties().headers()).doesNotContainKey("CC");
        assertThat(deaths(dead).get(0)).containsEntry("routing-keys", List.of("k", "x")).doesNotContainKey("original-expiration");
    }

    @Test
    void onlyFullyAutomaticCyclesAreCycles() {
        Message m = message(null, null, "", "a");
        Message expiredInA = XDeath.deadLettered(m, Reason.EXPIRED, "a", "", "b", NOW);
        assertThat(XDeath.isCycle(expiredInA, "a")).isTrue();
        assertThat(XDeath.isCycle(expiredInA, "b")).isFalse();
        Message rejectedInB = XDeath.deadLettered(expiredInA, Reason.REJECTED, "b", "", "a", NOW);
        assertThat(XDeath.isCycle(rejectedInB, "a")).isFalse();
        Message expiredInC = XDeath.deadLettered(rejectedInB, Reason.EXPIRED, "c", "", "a", NOW);
        assertThat(XDeath.isCycle(expiredInC, "c")).isTrue();
        assertThat(XDeath.isCycle(expiredInC, "a")).isFalse();
    }
}
