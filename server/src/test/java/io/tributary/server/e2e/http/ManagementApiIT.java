package io.tributary.server.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.config.ManagementSettings;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RabbitMQ-shaped resources over real HTTP: vhosts, exchanges, queues, bindings, publish and
 * get, purge, status codes and error bodies as RabbitMQ gives them.
 */
class ManagementApiIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(ManagementSettings.SAMPLE_INTERVAL_MS, 200L));

    private Api api() {
        return new Api(BROKER.get().httpBase(), "guest", "guest");
    }

    @Test
    void overviewAndNodesLookLikeRabbitMqs() {
        Api.Reply o = api().get("/api/overview");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.body().path("product_name").asText()).isEqualTo("Tributary");
        assertThat(o.body().path("management_version").asText()).isNotEmpty();
        assertThat(o.body().path("object_totals").path("exchanges").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(o.body().path("message_stats").has("publish_details")).isTrue();
        List<String> protocols = new ArrayList<>();
        o.body().path("listeners").forEach(l -> protocols.add(l.path("protocol").asText()));
        assertThat(protocols).contains("amqp", "kafka", "http");
        Api.Reply nodes = api().get("/api/nodes");
        assertThat(nodes.body().get(0).path("running").asBoolean()).isTrue();
        String node = nodes.body().get(0).path("name").asText();
        assertThat(api().get("/api/nodes/" + Api.enc(node)).status()).isEqualTo(200);
        assertThat(api().get("/api/nodes/nope").status()).isEqualTo(404);
        assertThat(api().get("/api/whoami").body().path("name").asText()).isEqualTo("guest");
    }

    @Test
    void theConsoleIsServedFromTheClassPathAndNothingElseIs() {
        Api anonymous = api().as(null, null);
        Api.Reply index = anonymous.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.raw().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.raw().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(index.text()).contains("<title>Tributary</title>", "/console/js/app.js");
        assertThat(anonymous.get("/console/js/app.js").raw().headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(anonymous.get("/console/pages/queues.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/app.css").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/vendor/uPlot.iife.min.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/pages/nope.js").status()).isEqualTo(404);
        assertThat(anonymous.get("/console/..%2F..%2Flogback.xml").status()).isEqualTo(404);
        assertThat(anonymous.get("/console/js/..%2F..%2Flogback.xml").status()).isEqualTo(404);
        assertThat(anonymous.get("/console/vendor/..%2F..%2F..%2Fpom.properties").status()).isEqualTo(404);
    }

    @Test
    void vhostsAreCreatedListedAndDeletedWithTheirContents() {
        assertThat(api().put("/api/vhosts/sales", "{\"description\":\"Sales\",\"tags\":\"eu,prod\"}").status()).isEqualTo(201);
        assertThat(api().put("/api/vhosts/sales", "{\"description\":\"Sales team\"}").status()).isEqualTo(204);
        JsonNode v = api().get("/api/vhosts/sales").body();
        assertThat(v.path("description").asText()).isEqualTo("Sales team");
        assertThat(v.path("tags").toString()).isEqualTo("[\"eu\",\"prod\"]");
        assertThat(api().put("/api/queues/sales/orders", "{\"durable\":true}").status()).isEqualTo(201);
        assertThat(api().get("/api/vhosts").body().findValuesAsText("name")).contains("/", "sales");
        assertThat(api().delete("/api/vhosts/sales").status()).isEqualTo(204);
        assertThat(api().get("/api/vhosts/sales").status()).isEqualTo(404);
        assertThat(api().get("/api/queues/sales/orders").status()).isEqualTo(404);
        assertThat(api().delete("/api/vhosts/sales").status()).isEqualTo(404);
    }

    @Test
    void exchangesAreDeclaredCheckedAndDeleted() {
        assertThat(api().put("/api/exchanges/%2F/api.x", "{\"type\":\"topic\",\"durable\":true,\"arguments\":{}}").status()).isEqualTo(201);
        assertThat(api().put("/api/exchanges/%2F/api.x", "{\"type\":\"topic\",\"durable\":true}").status()).isEqualTo(204);
        Api.Reply inequivalent = api().put("/api/exchanges/%2F/api.x", "{\"type\":\"fanout\",\"durable\":true}");
        assertThat(inequivalent.status()).isEqualTo(400);
        assertThat(inequivalent.body().path("error").asText()).isEqualTo("bad_request");
        assertThat(inequivalent.body().path("reason").asText()).contains("inequivalent arg 'type'");
        JsonNode x = api().get("/api/exchanges/%2F/api.x").body();
        assertThat(x.path("type").asText()).isEqualTo("topic");
        assertThat(x.path("vhost").asText()).isEqualTo("/");
        assertThat(api().get("/api/exchanges/%2F/amq.default").body().path("name").asText()).isEmpty();
        assertThat(api().put("/api/exchanges/%2F/amq.mine", "{\"type\":\"direct\"}").status()).isEqualTo(403);
        assertThat(api().put("/api/exchanges/%2F/bad", "{\"durable\":true}").status()).isEqualTo(400);
        assertThat(api().put("/api/exchanges/%2F/bad", "{not json").status()).isEqualTo(400);
        assertThat(api().delete("/api/exchanges/%2F/amq.direct").status()).isEqualTo(403);
        assertThat(api().delete("/api/exchanges/%2F/api.x").status()).isEqualTo(204);
        Api.Reply missing = api().get("/api/exchanges/%2F/api.x");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").asText()).isEqualTo("Object Not Found");
        assertThat(missing.body().path("reason").asText()).isEqualTo("Not Found");
        assertThat(api().get("/api/exchanges/nohost").status()).isEqualTo(404);
    }

    @Test
    void queuesBindingsPublishGetAndPurge() {
        assertThat(api().put("/api/exchanges/%2F/api.orders", "{\"type\":\"direct\"}").status()).isEqualTo(201);
        assertThat(api().put("/api/queues/%2F/api.q1", "{\"durable\":true,\"arguments\":{\"x-max-length\":10}}").status()).isEqualTo(201);
        assertThat(api().put("/api/queues/%2F/api.q1", "{\"durable\":true,\"arguments\":{\"x-max-length\":10}}").status()).isEqualTo(204);
        assertThat(api().put("/api/queues/%2F/api.q1", "{\"durable\":false}").body().path("reason").asText()).contains("durable");
        Api.Reply bound = api().post("/api/bindings/%2F/e/api.orders/q/api.q1", "{\"routing_key\":\"new\",\"arguments\":{}}");
        assertThat(bound.status()).isEqualTo(201);
        assertThat(bound.raw().headers().firstValue("Location")).contains("new");
        JsonNode between = api().get("/api/bindings/%2F/e/api.orders/q/api.q1").body();
        assertThat(between).hasSize(1);
        assertThat(between.get(0).path("properties_key").asText()).isEqualTo("new");
        assertThat(api().get("/api/bindings/%2F/e/api.orders/q/api.q1/new").body().path("routing_key").asText()).isEqualTo("new");
        assertThat(api().get("/api/queues/%2F/api.q1/bindings").body().findValuesAsText("source")).containsExactly("", "api.orders");

        String message = "{\"properties\":{\"delivery_mode\":2,\"headers\":{\"h\":\"v\"},\"content_type\":\"text/plain\"},"
                + "\"routing_key\":\"new\",\"payload\":\"hello\",\"payload_encoding\":\"string\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/api/exchanges/%2F/api.orders/publish", message).body().path("routed").asBoolean()).isTrue();
        }
        String unroutable = "{\"properties\":{},\"routing_key\":\"nowhere\",\"payload\":\"aGk=\",\"payload_encoding\":\"base64\"}";
        assertThat(api().post("/api/exchanges/%2F/api.orders/publish", unroutable).body().path("routed").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api().get("/api/queues/%2F/api.q1").body().path("messages").asInt()).isEqualTo(3));

        JsonNode peek = api().post("/api/queues/%2F/api.q1/get", "{\"count\":2,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\","
                + "\"truncate\":3}").body();
        assertThat(peek).hasSize(2);
        assertThat(peek.get(0).path("payload").asText()).isEqualTo("hel");
        assertThat(peek.get(0).path("payload_bytes").asInt()).isEqualTo(5);
        assertThat(peek.get(0).path("properties").path("headers").path("h").asText()).isEqualTo("v");
        assertThat(peek.get(0).path("properties").path("delivery_mode").asInt()).isEqualTo(2);
        assertThat(peek.get(0).path("exchange").asText()).isEqualTo("api.orders");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api().get("/api/queues/%2F/api.q1").body().path("messages_ready").asInt()).isEqualTo(3));
        JsonNode taken = api().post("/api/queues/%2F/api.q1/get", "{\"count\":1,\"ackmode\":\"ack_requeue_false\",\"encoding\":\"base64\"}").body();
        assertThat(new String(java.util.Base64.getDecoder().decode(taken.get(0).path("payload").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(taken.get(0).path("redelivered").asBoolean()).isTrue();
        assertThat(api().post("/api/queues/%2F/api.q1/get", "{\"count\":1,\"ackmode\":\"bogus\",\"encoding\":\"auto\"}").status()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api().get("/api/queues/%2F/api.q1").body().path("messages").asInt()).isEqualTo(2));

        assertThat(api().delete("/api/queues/%2F/api.q1?if-empty=true").status()).isEqualTo(400);
        assertThat(api().delete("/api/queues/%2F/api.q1/contents").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api().get("/api/queues/%2F/api.q1").body().path("messages").asInt()).isZero());
        assertThat(api().delete("/api/bindings/%2F/e/api.orders/q/api.q1/new").status()).isEqualTo(204);
        assertThat(api().get("/api/bindings/%2F/e/api.orders/q/api.q1").body()).isEmpty();
        assertThat(api().delete("/api/queues/%2F/api.q1?if-empty=true").status()).isEqualTo(204);
        assertThat(api().get("/api/queues/%2F/api.q1").status()).isEqualTo(404);
    }

    @Test
    void exchangeToExchangeBindingsAndBindingArguments() {
        api().put("/api/exchanges/%2F/api.e1", "{\"type\":\"headers\"}");
        api().put("/api/exchanges/%2F/api.e2", "{\"type\":\"fanout\"}");
        Api.Reply bound = api().post("/api/bindings/%2F/e/api.e1/e/api.e2", "{\"routing_key\":\"\",\"arguments\":{\"x-match\":\"any\",\"k\":\"v\"}}");
        assertThat(bound.status()).isEqualTo(201);
        JsonNode b = api().get("/api/bindings/%2F/e/api.e1/e/api.e2").body().get(0);
        assertThat(b.path("destination_type").asText()).isEqualTo("exchange");
        String props = b.path("properties_key").asText();
        assertThat(props).startsWith("~");
        assertThat(api().get("/api/exchanges/%2F/api.e1/bindings/source").body()).hasSize(1);
        assertThat(api().get("/api/exchanges/%2F/api.e2/bindings/destination").body()).hasSize(1);
        assertThat(api().delete("/api/bindings/%2F/e/api.e1/e/api.e2/" + Api.enc(props)).status()).isEqualTo(204);
        assertThat(api().delete("/api/bindings/%2F/e/api.e1/e/api.e2/" + Api.enc(props)).status()).isEqualTo(404);
        assertThat(api().post("/api/bindings/%2F/e/api.e1/q/nothere", "{}").status()).isEqualTo(404);
    }

    @Test
    void connectionsChannelsAndConsumersAreListedAndClosable() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(BROKER.get().amqpPort());
        f.setHost("127.0.0.1");
        f.setAutomaticRecoveryEnabled(false);
        f.setClientProperties(new java.util.HashMap<>(java.util.Map.of("connection_name", "api-test")));
        Connection c = f.newConnection();
        {
            Channel ch = c.createChannel();
            ch.basicQos(7);
            ch.queueDeclare("api.consumed", false, false, false, null);
            ch.basicConsume("api.consumed", false, "api-tag", new com.rabbitmq.client.DefaultConsumer(ch));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api().get("/api/consumers").body()
                    .findValuesAsText("consumer_tag")).contains("api-tag"));
            JsonNode conn = null;
            for (JsonNode n : api().get("/api/connections").body()) {
                if ("api-test".equals(n.path("client_properties").path("connection_name").asText())) {
                    conn = n;
                }
            }
            assertThat(conn).isNotNull();
            assertThat(conn.path("protocol").asText()).isEqualTo("AMQP 0-9-1");
            assertThat(conn.path("user").asText()).isEqualTo("guest");
            assertThat(conn.path("channels").asInt()).isEqualTo(1);
            String name = conn.path("name").asText();
            assertThat(name).contains(" -> ");
            JsonNode channels = api().get("/api/connections/" + Api.enc(name) + "/channels").body();
            assertThat(channels.get(0).path("prefetch_count").asInt()).isEqualTo(7);
            assertThat(channels.get(0).path("consumer_count").asInt()).isEqualTo(1);
            JsonNode consumer = api().get("/api/consumers/%2F").body().get(0);
            assertThat(consumer.path("queue").path("name").asText()).isEqualTo("api.consumed");
            assertThat(consumer.path("ack_required").asBoolean()).isTrue();
            assertThat(api().get("/api/queues/%2F/api.consumed").body().path("consumers").asInt()).isEqualTo(1);
            Api.Reply closed = api().send("DELETE", "/api/connections/" + Api.enc(name), null);
            assertThat(closed.status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> !c.isOpen());
            assertThat(api().get("/api/connections/" + Api.enc(name)).status()).isEqualTo(404);
        }
    }
}
