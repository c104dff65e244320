package io.tributary.server.e2e.amqp091;

import static io.tributary.server.e2e.amqp091.Amqp.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Consumers, prefetch, acknowledgements, requeue, basic.get, broker-initiated cancel. */
class ConsumeIT extends AmqpTestBase {
    private static void publish(Channel ch, String q, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            ch.basicPublish("", q, null, bytes("m" + i));
        }
    }

    private static List<String> bodies(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void workQueueDispatchesRoundRobin() throws Exception {
        try (Channel ch = connection.createChannel(); Channel c1 = connection.createChannel(); Channel c2 = connection.createChannel()) {
            String q = ch.queueDeclare("work", false, false, false, null).getQueue();
            Collector w1 = new Collector(c1);
            Collector w2 = new Collector(c2);
            c1.basicConsume(q, true, w1);
            c2.basicConsume(q, true, w2);
            await().until(() -> ch.consumerCount(q) == 2);
            publish(ch, q, 10);
            await().until(() -> w1.deliveries.size() + w2.deliveries.size() == 10);
            assertThat(w1.bodies()).containsExactly("m0", "m2", "m4", "m6", "m8");
            assertThat(w2.bodies()).containsExactly("m1", "m3", "m5", "m7", "m9");
            ch.queueDelete(q);
        }
    }

    @Test
    void prefetchWindowBoundsUnackedDeliveriesPerConsumer() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            publish(ch, q, 10);
            ch.basicQos(3);
            Collector c = new Collector(ch);
            ch.basicConsume(q, false, c);
            await().until(() -> c.deliveries.size() == 3);
            assertThat(ch.messageCount(q)).isEqualTo(7);
            ch.basicAck(c.deliveries.get(1).tag(), true);
            await().until(() -> c.deliveries.size() == 5);
            assertThat(c.bodies()).containsExactlyElementsOf(bodies(0, 5));
            ch.basicAck(0, true);
            await().until(() -> c.deliveries.size() == 8);
            ch.basicAck(c.deliveries.get(7).tag(), true);
            await().until(() -> c.deliveries.size() == 10);
            assertThat(c.bodies()).containsExactlyElementsOf(bodies(0, 10));
        }
    }

    @Test
    void globalQosIsSharedByTheChannelsConsumers() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q1 = ch.queueDeclare().getQueue();
            String q2 = ch.queueDeclare().getQueue();
            publish(ch, q1, 5);
            publish(ch, q2, 5);
            ch.basicQos(4, true);
            Collector a = new Collector(ch);
            Collector b = new Collector(ch);
            ch.basicConsume(q1, false, a);
            ch.basicConsume(q2, false, b);
            await().until(() -> a.deliveries.size() + b.deliveries.size() == 4);
            assertThat(ch.messageCount(q1) + ch.messageCount(q2)).isEqualTo(6);
            ch.basicAck(0, true);
            await().until(() -> a.deliveries.size() + b.deliveries.size() == 8);
        }
    }

    @Test
    void nackWithRequeueRedeliversAtTheOriginalPosition() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            publish(ch, q, 4);
            GetResponse first = ch.basicGet(q, false);
            GetResponse second = ch.basicGet(q, false);
            assertThat(Amqp.text(first.getBody())).isEqualTo("m0");
            assertThat(first.getEnvelope().isRedeliver()).isFalse();
            assertThat(second.getMessageCount()).isEqualTo(2);
            ch.basicNack(second.getEnvelope().getDeliveryTag(), false, true);
            ch.basicReject(first.getEnvelope().getDeliveryTag(), true);
            GetResponse again = ch.basicGet(q, false);
            assertThat(Amqp.text(again.getBody())).isEqualTo("m0");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
            ch.basicNack(again.getEnvelope().getDeliveryTag(), false, false);
            assertThat(Amqp.drain(ch, q)).containsExactly("m1", "m2", "m3");
        }
    }

    @Test
    void nackMultipleAndRecoverRequeueEverythingUnacked() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            publish(ch, q, 3);
            Collector c = new Collector(ch);
            ch.basicConsume(q, false, c);
            await().until(() -> c.deliveries.size() == 3);
            ch.basicNack(c.deliveries.get(1).tag(), true, true);
            await().until(() -> c.deliveries.size() == 5);
            assertThat(c.deliveries.subList(3, 5)).allMatch(Collector.Delivery::redelivered);
            assertThat(c.bodies().subList(3, 5)).containsExactly("m0", "m1");
            ch.basicRecover(true);
            await().until(() -> c.deliveries.size() == 8);
            assertThat(c.bodies().subList(5, 8)).containsExactlyInAnyOrder("m0", "m1", "m2");
            ch.basicAck(0, true);
        }
    }

    @Test
    void closingAChannelRequeuesItsUnackedDeliveries() throws Exception {
        String q;
        try (Channel ch = connection.createChannel()) {
            q = ch.queueDeclare("requeue-on-close", false, false, false, null).getQueue();
            publish(ch, q, 2);
            Collector c = new Collector(ch);
            ch.basicConsume(q, false, c);
            await().until(() -> c.deliveries.size() == 2);
        }
        try (Channel ch = connection.createChannel()) {
            GetResponse r = ch.basicGet(q, true);
            assertThat(Amqp.text(r.getBody())).isEqualTo("m0");
            assertThat(r.getEnvelope().isRedeliver()).isTrue();
        }
    }

    @Test
    void getOnAnEmptyQueueAnswersGetEmpty() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            assertThat(ch.basicGet(q, true)).isNull();
        }
    }

    @Test
    void unknownDeliveryTagIs406() throws Exception {
        Channel ch = connection.createChannel();
        ch.basicAck(42, false);
        assertThatThrownBy(() -> ch.queueDeclare()).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(406);
            assertThat(Amqp.replyText(e)).isEqualTo("PRECONDITION_FAILED - unknown delivery tag 42");
        });
    }

    @Test
    void exclusiveConsumerLocksOthersOut() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare("exclusive-consumer", false, false, true, null).getQueue();
            ch.basicConsume(q, true, "only-me", false, true, null, new Collector(ch));
            Channel other = connection.createChannel();
            assertThatThrownBy(() -> other.basicConsume(q, true, new Collector(other))).satisfies(e -> {
                assertThat(Amqp.replyCode(e)).isEqualTo(403);
                assertThat(Amqp.replyText(e)).isEqualTo("ACCESS_REFUSED - queue 'exclusive-consumer' in vhost '/' in exclusive use");
            });
        }
    }

    @Test
    void deletingAQueueCancelsItsConsumers() throws Exception {
        try (Channel ch = connection.createChannel(); Channel admin = connection.createChannel()) {
            String q = ch.queueDeclare("doomed", false, false, false, null).getQueue();
            Collector c = new Collector(ch);
            ch.basicConsume(q, true, c);
            admin.queueDelete(q);
            await().until(() -> c.cancelledByBroker);
            assertThat(ch.isOpen()).isTrue();
        }
    }

    @Test
    void consumerTagsAreUniquePerChannel() throws Exception {
        Connection own = Amqp.connect(BROKER.get());
        Channel ch = own.createChannel();
        String q = ch.queueDeclare().getQueue();
        assertThat(ch.basicConsume(q, true, new Collector(ch))).startsWith("amq.ctag-");
        ch.basicConsume(q, true, "tag-1", new Collector(ch));
        assertThatThrownBy(() -> ch.basicConsume(q, true, "tag-1", new Collector(ch))).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(530);
            assertThat(Amqp.replyText(e)).isEqualTo("NOT_ALLOWED - attempt to reuse consumer tag 'tag-1'");
        });
        await().until(() -> !own.isOpen());
    }
}
