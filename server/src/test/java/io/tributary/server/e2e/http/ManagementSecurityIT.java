package io.tributary.server.e2e.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.tributary.server.testing.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authentication and authorisation (401 for missing or wrong credentials, 403 without the tag or
 * the vhost permission), users and permissions, policies the queues honour, and definitions
 * export/import.
 */
class ManagementSecurityIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private Api guest() {
        return new Api(BROKER.get().httpBase(), "guest", "guest");
    }

    @Test
    void credentialsAndTagsAreChecked() {
        Api.Reply anonymous = guest().as(null, null).get("/api/overview");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.body().path("error").asText()).isEqualTo("not_authorized");
        assertThat(guest().as("guest", "wrong").get("/api/overview").status()).isEqualTo(401);

        assertThat(guest().put("/api/users/plain", "{\"password\":\"p1\",\"tags\":\"\"}").status()).isEqualTo(201);
        assertThat(guest().as("plain", "p1").get("/api/overview").status()).isEqualTo(403);

        assertThat(guest().put("/api/users/mgr", "{\"password\":\"p2\",\"tags\":\"management\"}").status()).isEqualTo(201);
        Api mgr = guest().as("mgr", "p2");
        assertThat(mgr.get("/api/overview").status()).isEqualTo(200);
        assertThat(mgr.get("/api/users").status()).isEqualTo(403);
        assertThat(mgr.get("/api/queues/%2F").status()).isEqualTo(403);
        assertThat(mgr.get("/api/vhosts").body()).isEmpty();
        assertThat(guest().put("/api/permissions/%2F/mgr", "{\"configure\":\"^mgr\\\\..*\",\"write\":\".*\",\"read\":\".*\"}").status())
                .isEqualTo(201);
        assertThat(mgr.get("/api/queues/%2F").status()).isEqualTo(200);
        assertThat(mgr.put("/api/queues/%2F/mgr.q", "{}").status()).isEqualTo(201);
        Api.Reply refused = mgr.put("/api/queues/%2F/other.q", "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("reason").asText()).contains("other.q");
        JsonNode perms = guest().get("/api/permissions/%2F/mgr").body();
        assertThat(perms.path("configure").asText()).isEqualTo("^mgr\\..*");
        assertThat(guest().get("/api/users/mgr/permissions").body()).hasSize(1);
        assertThat(guest().get("/api/whoami").body().path("tags").toString()).contains("administrator");
        assertThat(guest().get("/api/users/mgr").body().path("tags").toString()).isEqualTo("[\"management\"]");
        assertThat(guest().delete("/api/permissions/%2F/mgr").status()).isEqualTo(204);
        assertThat(mgr.get("/api/queues/%2F").status()).isEqualTo(403);
        assertThat(guest().put("/api/users/mgr", "{\"password\":\"p3\",\"tags\":\"management\"}").status()).isEqualTo(204);
        assertThat(mgr.get("/api/overview").status()).isEqualTo(401);
        assertThat(guest().delete("/api/users/mgr").status()).isEqualTo(204);
        assertThat(guest().get("/api/users/mgr").status()).isEqualTo(404);
        assertThat(guest().put("/api/users/nopass", "{\"tags\":\"management\"}").status()).isEqualTo(400);
        assertThat(guest().put("/api/permissions/%2F/nobody", "{\"configure\":\"\",\"write\":\"\",\"read\":\"\"}").status()).isEqualTo(400);
    }

    @Test
    void vhostPermissionsGateEachOperationAsRabbitMqDoes() {
        guest().put("/api/vhosts/private", "{}");
        guest().put("/api/queues/%2F/secret.q", "{\"durable\":false}");
        guest().put("/api/users/ops", "{\"password\":\"o\",\"tags\":\"management\"}");
        guest().put("/api/permissions/%2F/ops", "{\"configure\":\"^ops\\\\.\",\"write\":\"^ops\\\\.\",\"read\":\"^ops\\\\.\"}");
        Api ops = guest().as("ops", "o");

        // another virtual host: neither listed nor reachable
        assertThat(ops.get("/api/queues/private").status()).isEqualTo(403);
        assertThat(ops.get("/api/exchanges/private/amq.direct").status()).isEqualTo(403);
        assertThat(ops.put("/api/queues/private/ops.q", "{}").status()).isEqualTo(403);
        assertThat(ops.get("/api/vhosts").body().findValuesAsText("name")).containsExactly("/");

        // configure, write and read each checked against the resource's name
        assertThat(ops.put("/api/exchanges/%2F/ops.x", "{\"type\":\"direct\"}").status()).isEqualTo(201);
        assertThat(ops.put("/api/queues/%2F/ops.q", "{\"durable\":false}").status()).isEqualTo(201);
        assertThat(ops.post("/api/bindings/%2F/e/ops.x/q/ops.q", "{\"routing_key\":\"k\"}").status()).isEqualTo(201);
        assertThat(ops.put("/api/exchanges/%2F/ops.ae", "{\"type\":\"fanout\",\"arguments\":{\"alternate-exchange\":\"amq.fanout\"}}")
                .status()).isEqualTo(403);
        assertThat(ops.put("/api/queues/%2F/ops.dl", "{\"arguments\":{\"x-dead-letter-exchange\":\"amq.direct\"}}").status())
                .isEqualTo(403);
        assertThat(ops.put("/api/queues/%2F/ops.dl", "{\"arguments\":{\"x-dead-letter-exchange\":\"ops.x\"}}").status())
                .isEqualTo(201);
        assertThat(ops.post("/api/bindings/%2F/e/amq.direct/q/ops.q", "{\"routing_key\":\"k\"}").status()).isEqualTo(403);
        String toOps = "{\"properties\":{},\"routing_key\":\"k\",\"payload\":\"hi\",\"payload_encoding\":\"string\"}";
        assertThat(ops.post("/api/exchanges/%2F/ops.x/publish", toOps).body().path("routed").asBoolean()).isTrue();
        String toSecret = "{\"properties\":{},\"routing_key\":\"secret.q\",\"payload\":\"hi\",\"payload_encoding\":\"string\"}";
        Api.Reply defaultExchange = ops.post("/api/exchanges/%2F/amq.default/publish", toSecret);
        assertThat(defaultExchange.status()).isEqualTo(403);
        assertThat(defaultExchange.body().path("error").asText()).isEqualTo("not_authorised");
        String get = "{\"count\":1,\"ackmode\":\"ack_requeue_false\",\"encoding\":\"auto\"}";
        assertThat(ops.post("/api/queues/%2F/ops.q/get", get).body().get(0).path("payload").asText()).isEqualTo("hi");
        assertThat(ops.post("/api/queues/%2F/secret.q/get", get).status()).isEqualTo(403);
        assertThat(ops.delete("/api/queues/%2F/secret.q/contents").status()).isEqualTo(403);
        assertThat(ops.delete("/api/queues/%2F/secret.q").status()).isEqualTo(403);
        assertThat(guest().get("/api/queues/%2F/secret.q").status()).isEqualTo(200);

        // tags above management are needed for policies, nodes, users and definitions
        assertThat(ops.put("/api/policies/%2F/p", "{\"pattern\":\"^ops\\\\.\",\"definition\":{\"max-length\":1}}").status()).isEqualTo(403);
        assertThat(ops.get("/api/nodes").status()).isEqualTo(403);
        assertThat(ops.get("/api/definitions").status()).isEqualTo(403);
        assertThat(ops.put("/api/users/ops", "{\"password\":\"x\",\"tags\":\"administrator\"}").status()).isEqualTo(403);

        // monitoring sees every virtual host but may change nothing where it has no permissions
        guest().put("/api/users/watcher", "{\"password\":\"w\",\"tags\":\"monitoring\"}");
        Api watcher = guest().as("watcher", "w");
        assertThat(watcher.get("/api/queues/private").status()).isEqualTo(200);
        assertThat(watcher.get("/api/nodes").status()).isEqualTo(200);
        assertThat(watcher.put("/api/queues/private/w.q", "{}").status()).isEqualTo(403);
        assertThat(watcher.post("/api/queues/%2F/secret.q/get", get).status()).isEqualTo(403);
    }

    @Test
    void policiesBecomeTheQueuesEffectiveArguments() throws Exception {
        assertThat(guest().put("/api/policies/%2F/short-lived", "{\"pattern\":\"^pol\\\\.\",\"apply-to\":\"queues\",\"priority\":1,"
                + "\"definition\":{\"max-length\":2,\"message-ttl\":600000}}").status()).isEqualTo(201);
        assertThat(guest().put("/api/policies/%2F/bad", "{\"pattern\":\"x\",\"definition\":{\"ha-mode\":\"all\"}}").status()).isEqualTo(400);
        assertThat(guest().put("/api/policies/%2F/bad", "{\"pattern\":\"x\",\"definition\":{\"max-length\":\"ten\"}}").status()).isEqualTo(400);
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(BROKER.get().amqpPort());
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("pol.q", true, false, false, null);
            for (int i = 1; i <= 5; i++) {
                ch.basicPublish("", "pol.q", null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(guest().get("/api/queues/%2F/pol.q").body().path("messages").asInt()).isEqualTo(2));
            JsonNode q = guest().get("/api/queues/%2F/pol.q").body();
            assertThat(q.path("policy").asText()).isEqualTo("short-lived");
            assertThat(q.path("effective_policy_definition").path("max-length").asInt()).isEqualTo(2);
            GetResponse first = ch.basicGet("pol.q", true);
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("m4");

            // a queue argument wins over the policy
            ch.queueDeclare("pol.own", true, false, false, java.util.Map.of("x-max-length", 3));
            for (int i = 1; i <= 5; i++) {
                ch.basicPublish("", "pol.own", null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(guest().get("/api/queues/%2F/pol.own").body().path("messages").asInt()).isEqualTo(3));

            // changing the policy applies to the queue at once; deleting it lifts the limit
            assertThat(guest().put("/api/policies/%2F/short-lived", "{\"pattern\":\"^pol\\\\.\",\"apply-to\":\"queues\","
                    + "\"definition\":{\"max-length\":1}}").status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(guest().get("/api/queues/%2F/pol.q").body().path("messages").asInt()).isEqualTo(1));
            assertThat(guest().get("/api/policies/%2F").body()).hasSize(1);
            assertThat(guest().delete("/api/policies/%2F/short-lived").status()).isEqualTo(204);
            assertThat(guest().delete("/api/policies/%2F/short-lived").status()).isEqualTo(404);
            for (int i = 1; i <= 3; i++) {
                ch.basicPublish("", "pol.q", null, ("n" + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(guest().get("/api/queues/%2F/pol.q").body().path("messages").asInt()).isEqualTo(4));
            assertThat(guest().get("/api/queues/%2F/pol.q").body().path("policy").isNull()).isTrue();
        }
    }

    @Test
    void definitionsExportAndImportRoundTrip() {
        guest().put("/api/vhosts/defs", "{\"description\":\"for definitions\"}");
        guest().put("/api/exchanges/defs/d.x", "{\"type\":\"fanout\",\"durable\":true}");
        guest().put("/api/queues/defs/d.q", "{\"durable\":true,\"arguments\":{\"x-max-priority\":5}}");
        guest().post("/api/bindings/defs/e/d.x/q/d.q", "{\"routing_key\":\"\"}");
        guest().put("/api/policies/defs/p", "{\"pattern\":\".*\",\"definition\":{\"expires\":3600000}}");
        guest().put("/api/users/defuser", "{\"password\":\"s3cret\",\"tags\":\"monitoring\"}");
        JsonNode defs = guest().get("/api/definitions").body();
        assertThat(defs.path("rabbit_version").asText()).isNotEmpty();
        assertThat(defs.path("vhosts").findValuesAsText("name")).contains("/", "defs");
        assertThat(defs.path("queues").findValuesAsText("name")).contains("d.q");
        assertThat(defs.path("exchanges").findValuesAsText("name")).contains("d.x").doesNotContain("amq.direct");
        assertThat(defs.path("bindings").findValuesAsText("destination")).contains("d.q");
        assertThat(defs.path("policies").findValuesAsText("name")).contains("p");
        assertThat(defs.path("users").findValuesAsText("name")).contains("guest", "defuser");

        guest().delete("/api/vhosts/defs");
        guest().delete("/api/users/defuser");
        assertThat(guest().get("/api/queues/defs/d.q").status()).isEqualTo(404);
        assertThat(guest().post("/api/definitions", defs.toString()).status()).isEqualTo(204);
        assertThat(guest().get("/api/queues/defs/d.q").body().path("arguments").path("x-max-priority").asInt()).isEqualTo(5);
        assertThat(guest().get("/api/bindings/defs/e/d.x/q/d.q").body()).hasSize(1);
        assertThat(guest().get("/api/policies/defs/p").status()).isEqualTo(200);
        assertThat(guest().as("defuser", "s3cret").get("/api/overview").status()).isEqualTo(200);

        String rabbitFile = "{\"users\":[{\"name\":\"migrated\",\"password_hash\":\"abc\",\"hashing_algorithm\":\"rabbit_password_hashing_sha256\","
                + "\"tags\":[\"management\"]}],\"vhosts\":[{\"name\":\"imported\"}],\"permissions\":[{\"user\":\"migrated\",\"vhost\":\"imported\","
                + "\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}],\"queues\":[{\"name\":\"iq\",\"vhost\":\"imported\",\"durable\":true,"
                + "\"auto_delete\":false,\"arguments\":{}}],\"exchanges\":[],\"bindings\":[],\"policies\":[]}";
        assertThat(guest().post("/api/definitions", rabbitFile).status()).isEqualTo(204);
        assertThat(guest().get("/api/queues/imported/iq").status()).isEqualTo(200);
        assertThat(guest().get("/api/users/migrated").status()).isEqualTo(200);
        JsonNode vhostOnly = guest().get("/api/definitions/imported").body();
        assertThat(vhostOnly.has("users")).isFalse();
        assertThat(vhostOnly.path("queues").get(0).has("vhost")).isFalse();
        assertThat(guest().post("/api/definitions", "[1,2]").status()).isEqualTo(400);
    }
}
