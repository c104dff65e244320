package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.tributary.server.testing.TributaryBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code x-queue-type: quorum} as RabbitMQ clients declare it: the declaration rules RabbitMQ
 * enforces (durable, not exclusive, not auto-delete, no priority or queue mode), every message kept
 * on disk whatever its delivery mode, the default delivery limit of 20 with {@code x-delivery-count},
 * {@code x-delivery-limit: -1} for none, and the type shown by the management API.
 */
class QuorumQueueIT extends QueueTestBase {
    private static final Map<String, Object> QUORUM = Map.of("x-queue-type", "quorum");

    private static Map<String, Object> quorum(Map<String, Object> more) {
        Map<String, Object> a = new HashMap<>(QUORUM);
        a.putAll(more);
        return a;
    }

    private static String refusal(ThrowingDeclare declare) throws Exception {
        Channel ch = channel();
        try {
            assertThatThrownBy(() -> declare.on(ch)).isInstanceOf(IOException.class);
            ShutdownSignalException s = ch.getCloseReason();
            assertThat(s).isNotNull();
            return s.getMessage();
        } finally {
            if (ch.isOpen()) {
                ch.close();
            }
        }
    }

    interface ThrowingDeclare {
        void on(Channel ch) throws Exception;
    }

    @Test
    void declarationsFollowRabbitMqsQuorumRules() throws Exception {
        try (Channel ch = channel()) {
            assertThat(ch.queueDeclare("qq.orders", true, false, false, QUORUM).getQueue()).isEqualTo("qq.orders");
            assertThat(ch.queueDeclare("qq.orders", true, false, false, QUORUM).getMessageCount()).isZero();
        }
        assertThat(refusal(ch -> ch.queueDeclare("qq.transient", false, false, false, QUORUM)))
                .contains("PRECONDITION_FAILED").contains("invalid property 'non-durable' for queue 'qq.transient' in vhost '/'");
        assertThat(refusal(ch -> ch.queueDeclare("qq.mine", true, true, false, QUORUM)))
                .contains("invalid property 'exclusive-owner' for queue 'qq.mine'");
        assertThat(refusal(ch -> ch.queueDeclare("qq.auto", true, false, true, QUORUM)))
                .contains("invalid property 'auto-delete' for queue 'qq.auto'");
        assertThat(refusal(ch -> ch.queueDeclare("qq.prio", true, false, false, quorum(Map.of("x-max-priority", 5)))))
                .contains("invalid arg 'x-max-priority' for queue 'qq.prio' in vhost '/' of queue type rabbit_quorum_queue");
        assertThat(refusal(ch -> ch.queueDeclare("qq.dlx", true, false, false, quorum(Map.of("x-overflow", "reject-publish-dlx")))))
                .contains("invalid arg 'x-overflow'");
        assertThat(refusal(ch -> ch.queueDeclare("qq.orders", true, false, false, null)))
                .as("redeclaring as classic is inequivalent").contains("PRECONDITION_FAILED").contains("x-queue-type");
        try (Channel ch = channel()) {
            ch.queueDeclare("qq.sized", true, false, false, quorum(Map.of("x-quorum-initial-group-size", 3,
                    "x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish")));
        }
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterTwentyReturnsByDefault() throws Exception {
        try (Channel ch = channel()) {
            ch.exchangeDeclare("qq.dlx", "fanout");
            ch.queueDeclare("qq.poison.dead", true, false, false, null);
            ch.queueBind("qq.poison.dead", "qq.dlx", "");
            ch.queueDeclare("qq.poison", true, false, false, quorum(Map.of("x-dead-letter-exchange", "qq.dlx")));
            ch.basicPublish("", "qq.poison", null, bytes("poison"));
            for (long returned = 0; returned <= 20; returned++) {
                GetResponse r = awaitUnacked(ch, "qq.poison");
                Object count = r.getProps().getHeaders() == null ? null : r.getProps().getHeaders().get("x-delivery-count");
                assertThat(count).as("x-delivery-count after %d returns", returned).isEqualTo(returned == 0 ? null : returned);
                ch.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
            }
            GetResponse dead = awaitUnacked(ch, "qq.poison.dead");
            assertThat(Rabbit.text(dead.getBody())).isEqualTo("poison");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> deaths = (List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death");
            assertThat(deaths.get(0).get("reason")).hasToString("delivery_limit");
            assertThat(ch.messageCount("qq.poison")).isZero();
        }
    }

    @Test
    void aDeliveryLimitOfMinusOneNeverDropsAMessage() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("qq.patient", true, false, false, quorum(Map.of("x-delivery-limit", -1)));
            ch.basicPublish("", "qq.patient", null, bytes("again"));
            for (int i = 0; i < 25; i++) {
                ch.basicNack(awaitUnacked(ch, "qq.patient").getEnvelope().getDeliveryTag(), false, true);
            }
            assertThat(ch.messageCount("qq.patient")).isEqualTo(1);
        }
    }

    @Test
    void transientMessagesSurviveARestartAndTheApiShowsTheType() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.queueDeclare("qq.kept", true, false, false, QUORUM);
                ch.queueDeclare("classic.lost", true, false, false, null);
                ch.confirmSelect();
                ch.basicPublish("", "qq.kept", null, bytes("transient but quorum"));
                ch.basicPublish("", "classic.lost", null, bytes("transient"));
                ch.waitForConfirmsOrDie(10_000);
            }
            broker.restart();
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                assertThat(Rabbit.drain(ch, "qq.kept")).containsExactly("transient but quorum");
                assertThat(ch.messageCount("classic.lost")).isZero();
            }
            HttpRequest get = HttpRequest.newBuilder(URI.create(broker.httpBase() + "/api/queues/%2F/qq.kept"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                    .build();
            String body = HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("\"type\":\"quorum\"");
        }
    }

    private static GetResponse awaitUnacked(Channel ch, String queue) {
        GetResponse[] r = new GetResponse[1];
        await().until(() -> (r[0] = ch.basicGet(queue, false)) != null);
        return r[0];
    }
}
