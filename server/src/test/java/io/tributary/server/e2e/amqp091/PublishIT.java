package io.tributary.server.e2e.amqp091;

import static io.tributary.server.e2e.amqp091.Amqp.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Publisher confirms, mandatory returns, transactions, direct reply-to, large messages. */
class PublishIT extends AmqpTestBase {
    @Test
    void confirmsAckEveryPublishRoutedOrNot() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            ch.confirmSelect();
            ConcurrentSkipListSet<Long> acked = new ConcurrentSkipListSet<>();
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    if (multiple) {
                        for (long t = 1; t <= tag; t++) {
                            acked.add(t);
                        }
                    } else {
                        acked.add(tag);
                    }
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    throw new AssertionError("nack " + tag);
                }
            });
            for (int i = 0; i < 500; i++) {
                ch.basicPublish("", i % 2 == 0 ? q : "nowhere", null, bytes("c" + i));
            }
            ch.waitForConfirmsOrDie(10_000);
            assertThat(acked).hasSize(500).contains(1L, 500L);
            assertThat(ch.messageCount(q)).isEqualTo(250);
        }
    }

    @Test
    void mandatoryUnroutableMessagesAreReturned() throws Exception {
        try (Channel ch = connection.createChannel()) {
            List<Return> returns = new CopyOnWriteArrayList<>();
            ch.addReturnListener(returns::add);
            ch.confirmSelect();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("id-1").build();
            ch.basicPublish("amq.direct", "no-binding", true, props, bytes("bounce"));
            ch.basicPublish("amq.direct", "no-binding", false, props, bytes("dropped"));
            ch.waitForConfirmsOrDie(5_000);
            await().until(() -> returns.size() == 1);
            Return r = returns.get(0);
            assertThat(r.getReplyCode()).isEqualTo(312);
            assertThat(r.getReplyText()).isEqualTo("NO_ROUTE");
            assertThat(r.getExchange()).isEqualTo("amq.direct");
            assertThat(r.getRoutingKey()).isEqualTo("no-binding");
            assertThat(r.getProperties().getMessageId()).isEqualTo("id-1");
            assertThat(Amqp.text(r.getBody())).isEqualTo("bounce");
        }
    }

    @Test
    void propertiesAndHeadersArriveUnchanged() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("text/plain").contentEncoding("utf-8")
                    .headers(java.util.Map.of("n", 7, "s", "v", "b", true, "l", List.of(1, "two")))
                    .deliveryMode(2).priority(3).correlationId("c").replyTo("r").expiration("60000").messageId("m")
                    .timestamp(new java.util.Date(1_700_000_000_000L)).type("t").userId("guest").appId("a").build();
            ch.basicPublish("", q, props, bytes("p"));
            GetResponse g = ch.basicGet(q, true);
            AMQP.BasicProperties got = g.getProps();
            assertThat(got.getContentType()).isEqualTo("text/plain");
            assertThat(got.getHeaders()).containsEntry("n", 7).containsEntry("b", true);
            assertThat(got.getHeaders().get("s").toString()).isEqualTo("v");
            assertThat(got.getDeliveryMode()).isEqualTo(2);
            assertThat(got.getPriority()).isEqualTo(3);
            assertThat(got.getExpiration()).isEqualTo("60000");
            assertThat(got.getTimestamp()).isEqualTo(new java.util.Date(1_700_000_000_000L));
            assertThat(got.getAppId()).isEqualTo("a");
        }
    }

    @Test
    void messagesLargerThanAFrameAreSplitAndReassembled() throws Exception {
        ConnectionFactory f = Amqp.factory(BROKER.get());
        f.setRequestedFrameMax(4096);
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            assertThat(c.getFrameMax()).isEqualTo(4096);
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, big);
            ch.basicPublish("", q, null, new byte[0]);
            Collector col = new Collector(ch);
            byte[][] received = new byte[1][];
            ch.basicConsume(q, true, new com.rabbitmq.client.DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String t, com.rabbitmq.client.Envelope e, AMQP.BasicProperties p, byte[] body) {
                    if (received[0] == null) {
                        received[0] = body;
                    } else {
                        col.deliveries.add(new Collector.Delivery("empty:" + body.length, 0, false, p));
                    }
                }
            });
            await().until(() -> col.deliveries.size() == 1);
            assertThat(Arrays.equals(received[0], big)).isTrue();
            assertThat(col.bodies()).containsExactly("empty:0");
        }
    }

    @Test
    void transactionsPublishAndAckOnCommitOnly() throws Exception {
        try (Channel ch = connection.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            ch.txSelect();
            ch.basicPublish("", q, null, bytes("t1"));
            assertThat(ch.messageCount(q)).isZero();
            ch.txCommit();
            assertThat(ch.messageCount(q)).isEqualTo(1);
            ch.basicPublish("", q, null, bytes("t2"));
            ch.txRollback();
            assertThat(ch.messageCount(q)).isEqualTo(1);
            GetResponse g = ch.basicGet(q, false);
            ch.basicAck(g.getEnvelope().getDeliveryTag(), false);
            ch.txRollback();
            ch.basicAck(g.getEnvelope().getDeliveryTag(), false);
            ch.txCommit();
            assertThat(ch.messageCount(q)).isZero();
        }
        Channel ch = connection.createChannel();
        ch.txSelect();
        assertThatThrownBy(ch::confirmSelect).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(406);
            assertThat(Amqp.replyText(e)).isEqualTo("PRECONDITION_FAILED - cannot switch from tx to confirm mode");
        });
    }

    @Test
    void rpcOverDirectReplyTo() throws Exception {
        try (Channel server = connection.createChannel(); Channel client = connection.createChannel()) {
            String requests = server.queueDeclare("rpc-requests", false, false, true, null).getQueue();
            server.basicConsume(requests, true, new com.rabbitmq.client.DefaultConsumer(server) {
                @Override
                public void handleDelivery(String t, com.rabbitmq.client.Envelope e, AMQP.BasicProperties p, byte[] body) throws java.io.IOException {
                    assertThat(p.getReplyTo()).startsWith("amq.rabbitmq.reply-to.");
                    AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder().correlationId(p.getCorrelationId()).build();
                    server.basicPublish("", p.getReplyTo(), reply, bytes("fib(" + Amqp.text(body) + ")=55"));
                }
            });
            Collector replies = new Collector(client);
            client.basicConsume("amq.rabbitmq.reply-to", true, replies);
            for (int i = 0; i < 3; i++) {
                AMQP.BasicProperties req = new AMQP.BasicProperties.Builder().correlationId("c" + i).replyTo("amq.rabbitmq.reply-to").build();
                client.basicPublish("", requests, req, bytes("10"));
            }
            await().until(() -> replies.deliveries.size() == 3);
            assertThat(replies.bodies()).containsOnly("fib(10)=55");
            assertThat(replies.deliveries.stream().map(d -> d.properties().getCorrelationId())).containsExactly("c0", "c1", "c2");
        }
    }

    @Test
    void replyToWithoutAReplyConsumerIs406() throws Exception {
        Channel ch = connection.createChannel();
        AMQP.BasicProperties req = new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to").build();
        ch.basicPublish("", "anything", req, bytes("x"));
        assertThatThrownBy(() -> ch.queueDeclare()).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(406);
            assertThat(Amqp.replyText(e)).isEqualTo("PRECONDITION_FAILED - fast reply consumer does not exist");
        });
    }

    @Test
    void publishingToAMissingExchangeIs404AndTheConnectionGoesOn() throws Exception {
        Channel ch = connection.createChannel();
        ch.basicPublish("no-such-exchange", "k", null, bytes("x"));
        assertThatThrownBy(() -> ch.queueDeclare()).satisfies(e -> {
            assertThat(Amqp.replyCode(e)).isEqualTo(404);
            assertThat(Amqp.replyText(e)).isEqualTo("NOT_FOUND - no exchange 'no-such-exchange' in vhost '/'");
        });
        try (Channel ok = connection.createChannel()) {
            assertThat(ok.queueDeclare().getQueue()).isNotEmpty();
        }
    }
}
