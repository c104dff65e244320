package io.tributary.server.e2e.amqp091;

import static io.tributary.server.e2e.amqp091.Amqp.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** queue.declare / bind / purge / delete and queue lifetimes. */
class QueueIT extends AmqpTestBase {
    @Test
    void serverNamedQueueAndCountsInDeclareOk() throws Exception {
        try (Channel ch = connection.createChannel()) {
            AMQP.Queue.DeclareOk ok = ch.queueDeclare();
            assertThat(ok.getQueue()).startsWith("amq.gen-");
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", ok.getQueue(), null, bytes("m" + i));
            }
            ch.basicConsume(ok.getQueue(), false, new Collector(ch) {
                @Override
                public void handleDelivery(String t, com.rabbitmq.client.Envelope e, AMQP.BasicProperties p, byte[] b) {
                    // hold the first message unacked: it no longer counts as ready
                }
            });
            await().untilAsserted(() -> assertThat(ch.queueDeclarePassive(ok.getQueue()).getConsumerCount()).isEqualTo(1));
            AMQP.Queue.DeclareOk passive = ch.queueDeclarePassive(ok.getQueue());
            assertThat(passive.getMessageCount()).isZero();
        }
    }

    @Test
    void declareOkCountsReadyMessages() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare("counted", false, false, false, null).getQueue();
            for (int i = 0; i < 5; i++) {
                ch.basicPublish("", q, null, bytes("m" + i));
            }
            assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(5);
            assertThat(ch.queueDeclare(q, false, false, false, null).getMessageCount()).isEqualTo(5);
            assertThat(ch.messageCount(q)).isEqualTo(5);
            assertThat(ch.queuePurge(q).getMessageCount()).isEqualTo(5);
            assertThat(ch.messageCount(q)).isZero();
            assertThat(ch.queueDelete(q).getMessageCount()).isZero();
        }
    }

    @Test
    void passiveDeclareOfAMissingQueueIs404() throws Exception {
        Channel ch = connection.createChannel();
        assertThatThrownBy(() -> ch.queueDeclarePassive("missing")).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(404);
            assertThat(Amqp.replyText(e)).isEqualTo("NOT_FOUND - no queue 'missing' in vhost '/'");
        });
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void inequivalentRedeclareIs406() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare("shape", false, false, false, Map.of("x-max-length", 10));
        }
        Channel ch = connection.createChannel();
        assertThatThrownBy(() -> ch.queueDeclare("shape", true, false, false, Map.of("x-max-length", 10))).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(406);
            assertThat(Amqp.replyText(e)).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'shape' in vhost '/':"
                    + " received 'true' but current is 'false'");
        });
        Channel ch2 = connection.createChannel();
        assertThatThrownBy(() -> ch2.queueDeclare("shape", false, false, false, Map.of("x-max-length", 11)))
                .satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(406));
        Channel ch3 = connection.createChannel();
        ch3.queueDeclare("shape", false, false, false, Map.of("x-max-length", 10L));
        ch3.queueDelete("shape");
        ch3.close();
    }

    @Test
    void invalidArgumentIs406() throws Exception {
        Channel ch = connection.createChannel();
        assertThatThrownBy(() -> ch.queueDeclare("neg", false, false, false, Map.of("x-max-length", -1))).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(406);
            assertThat(Amqp.replyText(e)).contains("invalid arg 'x-max-length'");
        });
    }

    @Test
    void reservedNamesAre403() throws Exception {
        Channel ch = connection.createChannel();
        assertThatThrownBy(() -> ch.queueDeclare("amq.mine", false, false, false, null)).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(403);
            assertThat(Amqp.replyText(e)).isEqualTo("ACCESS_REFUSED - queue name 'amq.mine' contains reserved prefix 'amq.*'");
        });
    }

    @Test
    void exclusiveQueueIsLockedToItsConnectionAndDiesWithIt() throws Exception {
        Connection owner = Amqp.connect(BROKER.get());
        Channel och = owner.createChannel();
        och.queueDeclare("mine-only", false, true, false, null);
        och.basicPublish("", "mine-only", null, bytes("x"));
        Channel other = connection.createChannel();
        assertThatThrownBy(() -> other.queueDeclare("mine-only", false, true, false, null)).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(405);
            assertThat(Amqp.replyText(e)).startsWith("RESOURCE_LOCKED - cannot obtain exclusive access to locked queue 'mine-only'");
        });
        Channel other2 = connection.createChannel();
        assertThatThrownBy(() -> other2.basicGet("mine-only", true)).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(405));
        owner.close();
        await().untilAsserted(() -> assertThatThrownBy(() -> connection.createChannel().queueDeclarePassive("mine-only"))
                .satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(404)));
    }

    @Test
    void autoDeleteQueueGoesWhenItsLastConsumerCancels() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare("fleeting", false, false, true, null);
            String t1 = ch.basicConsume("fleeting", true, new Collector(ch));
            String t2 = ch.basicConsume("fleeting", true, new Collector(ch));
            ch.basicCancel(t1);
            assertThat(ch.queueDeclarePassive("fleeting").getConsumerCount()).isEqualTo(1);
            ch.basicCancel(t2);
        }
        await().untilAsserted(() -> assertThatThrownBy(() -> connection.createChannel().queueDeclarePassive("fleeting"))
                .satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(404)));
    }

    @Test
    void deleteIfEmptyAndIfUnusedAre406() throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare("guarded", false, false, false, null);
            ch.basicPublish("", "guarded", null, bytes("keep"));
        }
        Channel ch = connection.createChannel();
        assertThatThrownBy(() -> ch.queueDelete("guarded", false, true)).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(406);
            assertThat(Amqp.replyText(e)).isEqualTo("PRECONDITION_FAILED - queue 'guarded' in vhost '/' not empty");
        });
        Channel ch2 = connection.createChannel();
        ch2.basicConsume("guarded", false, new Collector(ch2));
        Channel ch3 = connection.createChannel();
        assertThatThrownBy(() -> ch3.queueDelete("guarded", true, false)).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(406);
            assertThat(Amqp.replyText(e)).isEqualTo("PRECONDITION_FAILED - queue 'guarded' in vhost '/' in use");
        });
        ch2.close();
        try (Channel ch4 = connection.createChannel()) {
            assertThat(ch4.queueDelete("guarded").getMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void bindingToAMissingExchangeOrQueueIs404() throws Exception {
        Channel ch = connection.createChannel();
        String q = ch.queueDeclare().getQueue();
        assertThatThrownBy(() -> ch.queueBind(q, "no-exchange", "")).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(404);
            assertThat(Amqp.replyText(e)).isEqualTo("NOT_FOUND - no exchange 'no-exchange' in vhost '/'");
        });
        Channel ch2 = connection.createChannel();
        assertThatThrownBy(() -> ch2.queueBind("no-queue", "amq.direct", "")).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(404));
        Channel ch3 = connection.createChannel();
        assertThatThrownBy(() -> ch3.queueBind(q, "", "k")).satisfies(e -> assertThat(Amqp.replyCode(e)).isEqualTo(403));
    }
}
