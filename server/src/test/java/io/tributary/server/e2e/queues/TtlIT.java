package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Message TTL per queue and per message, and queue expiry. Unlike RabbitMQ, a message expires on
 * time even when a message with a longer TTL is ahead of it.
 */
class TtlIT extends QueueTestBase {
    @Test
    void aQueueTtlExpiresEveryMessage() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("ttl.queue", false, false, false, Map.of("x-message-ttl", 100));
            for (int i = 0; i < 5; i++) {
                ch.basicPublish("", "ttl.queue", null, bytes("m" + i));
            }
            await().until(() -> ch.messageCount("ttl.queue") == 0);
            assertThat(ch.basicGet("ttl.queue", true)).isNull();
        }
    }

    @Test
    void aPerMessageExpirationExpiresOnlyThatMessage() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("ttl.message", false, false, false, null);
            ch.basicPublish("", "ttl.message", Rabbit.expiring("100"), bytes("short"));
            ch.basicPublish("", "ttl.message", null, bytes("forever"));
            await().until(() -> ch.messageCount("ttl.message") == 1);
            assertThat(Rabbit.drain(ch, "ttl.message")).containsExactly("forever");
        }
    }

    @Test
    void aShortTtlMessageBehindALongTtlOneStillExpiresOnTime() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("ttl.mixed.dead", false, false, false, null);
            ch.queueDeclare("ttl.mixed", false, false, false, Map.of("x-dead-letter-exchange", "",
                    "x-dead-letter-routing-key", "ttl.mixed.dead"));
            ch.basicPublish("", "ttl.mixed", Rabbit.expiring("600000"), bytes("long"));
            ch.basicPublish("", "ttl.mixed", null, bytes("none"));
            ch.basicPublish("", "ttl.mixed", Rabbit.expiring("200"), bytes("short-1"));
            ch.basicPublish("", "ttl.mixed", Rabbit.expiring("100"), bytes("short-2"));
            // RabbitMQ would hold both short ones until "long" leaves the head ten minutes from now
            await().atMost(Duration.ofSeconds(10)).until(() -> ch.messageCount("ttl.mixed.dead") == 2);
            assertThat(Rabbit.drain(ch, "ttl.mixed.dead")).containsExactly("short-2", "short-1");
            assertThat(Rabbit.drain(ch, "ttl.mixed")).containsExactly("long", "none");
        }
    }

    @Test
    void theShorterOfQueueAndMessageTtlWins() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("ttl.both", false, false, false, Map.of("x-message-ttl", 600_000));
            ch.basicPublish("", "ttl.both", null, bytes("queue-ttl"));
            ch.basicPublish("", "ttl.both", Rabbit.expiring("100"), bytes("own-ttl"));
            await().until(() -> ch.messageCount("ttl.both") == 1);
            assertThat(Rabbit.drain(ch, "ttl.both")).containsExactly("queue-ttl");
        }
    }

    @Test
    void aRequeuedMessageKeepsItsExpiry() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("ttl.requeued", false, false, false, Map.of("x-message-ttl", 300));
            ch.basicPublish("", "ttl.requeued", null, bytes("m"));
            GetResponse g = ch.basicGet("ttl.requeued", false);
            ch.basicNack(g.getEnvelope().getDeliveryTag(), false, true);
            await().until(() -> ch.messageCount("ttl.requeued") == 0);
        }
    }

    @Test
    void aZeroTtlMessageReachesAWaitingConsumer() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("ttl.zero", false, false, false, Map.of("x-message-ttl", 0));
            Rabbit.Recorder r = new Rabbit.Recorder(ch);
            ch.basicConsume("ttl.zero", true, r);
            await().until(() -> ch.consumerCount("ttl.zero") == 1);
            ch.basicPublish("", "ttl.zero", null, bytes("now"));
            await().until(() -> r.got.size() == 1);
            assertThat(r.bodies()).containsExactly("now");
        }
    }

    @Test
    void anUnusedQueueExpiresAndAUsedOneDoesNot() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("ttl.expires", false, false, false, Map.of("x-expires", 300));
            ch.queueDeclare("ttl.kept", false, false, false, Map.of("x-expires", 300));
            Rabbit.Recorder r = new Rabbit.Recorder(ch);
            String tag = ch.basicConsume("ttl.kept", true, r);
            await().pollDelay(Duration.ofMillis(400)).until(() -> !exists("ttl.expires"));
            assertThat(exists("ttl.kept")).isTrue();
            ch.basicCancel(tag);
            await().until(() -> !exists("ttl.kept"));
        }
    }

    private static boolean exists(String queue) throws Exception {
        try (Channel probe = channel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void anExpirationThatIsNotANonNegativeIntegerClosesTheChannelWith406() throws Exception {
        for (String[] c : new String[][] {{"soon", "no_integer"}, {"-5", "{value_negative,-5}"}, {"10s", "{leftover_string,\"s\"}"}}) {
            Channel ch = channel();
            ch.basicPublish("", "anywhere", Rabbit.expiring(c[0]), bytes("x"));
            await().until(() -> !ch.isOpen());
            assertThat(ch.getCloseReason().getMessage()).contains("reply-code=406")
                    .contains("PRECONDITION_FAILED - invalid expiration '" + c[0] + "': " + c[1]);
        }
    }

    @Test
    void invalidTtlArgumentsAre406() throws Exception {
        Channel ch = channel();
        assertThatThrownBy(() -> ch.queueDeclare("ttl.bad", false, false, false, Map.of("x-message-ttl", -1)))
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("406")
                        .contains("invalid arg 'x-message-ttl' for queue 'ttl.bad' in vhost '/': {value_negative,-1}"));
        assertThat(List.of()).isEmpty();
    }
}
