package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.config.SecuritySettings;
import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.TributaryBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka ACLs with real kafka-clients on a SASL_PLAINTEXT listener with the authorizer on: the super
 * user manages ACLs through the Admin API, and other principals are allowed and refused per topic,
 * cluster and transactional id with Kafka's error codes.
 */
class SecurityKafkaAclIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(SecuritySettings.KAFKA_SECURITY_PROTOCOL, "SASL_PLAINTEXT")
            .set(SecuritySettings.KAFKA_AUTHORIZER_ENABLED, true).set(SecuritySettings.KAFKA_SUPER_USERS, List.of("User:admin")));

    @BeforeAll
    static void setUp() throws Exception {
        for (String u : new String[] {"admin", "alice", "bob"}) {
            BROKER.get().broker().userStore().putUser(u, u + "-pw", Set.of()).join();
        }
        try (Admin admin = admin("admin")) {
            admin.createTopics(List.of(new NewTopic("alice-orders", 1, (short) 1), new NewTopic("secret", 1, (short) 1),
                    new NewTopic("shared", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.of(
                    allow("alice-", PatternType.PREFIXED, "User:alice", AclOperation.WRITE),
                    allow("alice-", PatternType.PREFIXED, "User:alice", AclOperation.READ),
                    allow("shared", PatternType.LITERAL, "User:alice", AclOperation.ALL),
                    new AclBinding(new ResourcePattern(ResourceType.TOPIC, "shared", PatternType.LITERAL),
                            new AccessControlEntry("User:alice", "*", AclOperation.WRITE, AclPermissionType.DENY)))).all().get(30, TimeUnit.SECONDS);
        }
    }

    static AclBinding allow(String name, PatternType pattern, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, name, pattern), new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    static Map<String, Object> props(String user) {
        Map<String, Object> p = new HashMap<>(SecurityKafkaSaslIT.sasl("SCRAM-SHA-256", user, user + "-pw"));
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, BROKER.get().kafkaBootstrap());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return p;
    }

    static Admin admin(String user) {
        return Admin.create(props(user));
    }

    @Test
    void allowedTopicsProduceAndConsumeOthersAreTopicAuthorizationFailed() throws Exception {
        try (KafkaProducer<String, String> p = KafkaClients.producer(BROKER.get().kafkaBootstrap(), props("alice"))) {
            p.send(new ProducerRecord<>("alice-orders", "k", "v")).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> p.send(new ProducerRecord<>("secret", "k", "v")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> p.send(new ProducerRecord<>("shared", "k", "v")).get(30, TimeUnit.SECONDS))
                    .as("a DENY beats ALL").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> c = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), props("alice"))) {
            c.assign(List.of(new TopicPartition("alice-orders", 0)));
            assertThat(KafkaClients.pollUntil(c, 1).get(0).value()).isEqualTo("v");
            c.assign(List.of(new TopicPartition("secret", 0)));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try {
                    c.poll(Duration.ofMillis(200));
                    return false;
                } catch (TopicAuthorizationException e) {
                    return e.unauthorizedTopics().contains("secret");
                }
            });
        }
        try (Admin admin = admin("alice")) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("Metadata leaves out what alice may not describe")
                    .containsExactlyInAnyOrder("alice-orders", "shared");
        }
    }

    @Test
    void consumerGroupsNeedReadOnTheGroup() throws Exception {
        Map<String, Object> p = new HashMap<>(props("alice"));
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "not-alices-group");
        try (KafkaConsumer<String, String> c = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), p)) {
            c.subscribe(List.of("alice-orders"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    c.poll(Duration.ofMillis(200));
                    return false;
                } catch (org.apache.kafka.common.errors.GroupAuthorizationException e) {
                    return true;
                }
            });
        }
        try (Admin admin = admin("admin")) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.GROUP, "alice-", PatternType.PREFIXED),
                    new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW)))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), props("alice"))) {
            producer.send(new ProducerRecord<>("alice-orders", "k", "for the group")).get(30, TimeUnit.SECONDS);
        }
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "alice-group");
        try (KafkaConsumer<String, String> c = KafkaClients.consumer(BROKER.get().kafkaBootstrap(), p)) {
            c.subscribe(List.of("alice-orders"));
            List<String> got = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> got.add(r.value()));
                return got.contains("for the group");
            });
            c.commitSync();
        }
    }

    @Test
    void aPrincipalWithoutAclsIsRefusedClusterAndTopicOperations() throws Exception {
        org.apache.kafka.common.Uuid secretId;
        try (Admin admin = admin("admin")) {
            secretId = admin.describeTopics(List.of("secret")).allTopicNames().get(30, TimeUnit.SECONDS).get("secret").topicId();
        }
        try (Admin admin = admin("bob")) {
            assertThatThrownBy(() -> admin.deleteTopics(org.apache.kafka.common.TopicCollection.ofTopicIds(List.of(secretId))).all()
                    .get(30, TimeUnit.SECONDS)).as("by topic id too").hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
            assertThatThrownBy(() -> admin.createAcls(List.of(allow("x", PatternType.LITERAL, "User:bob", AclOperation.ALL))).all()
                    .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ClusterAuthorizationException.class);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("bobs", 1, (short) 1))).all().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> admin.deleteTopics(List.of("secret")).all().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** A raw connection authenticated with SASL PLAIN (FindCoordinator is served by the group coordinator, not on this branch). */
    static RawKafkaClient rawAs(String user) throws Exception {
        RawKafkaClient c = new RawKafkaClient(BROKER.get().kafkaPort());
        c.send(new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN")), (short) 1);
        SaslAuthenticateResponse r = (SaslAuthenticateResponse) c.send(new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData()
                .setAuthBytes(("\0" + user + "\0" + user + "-pw").getBytes(StandardCharsets.UTF_8))), (short) 2);
        assertThat(r.error()).isEqualTo(Errors.NONE);
        return c;
    }

    @Test
    void initProducerIdNeedsWriteOnTheTransactionalIdOrIdempotentWrite() throws Exception {
        try (RawKafkaClient alice = rawAs("alice"); RawKafkaClient bob = rawAs("bob")) {
            InitProducerIdResponse tx = (InitProducerIdResponse) alice.send(new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                    .setTransactionalId("alice-tx").setTransactionTimeoutMs(60_000)), (short) 4);
            assertThat(tx.error()).isEqualTo(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
            InitProducerIdResponse idempotent = (InitProducerIdResponse) alice.send(new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                    .setTransactionalId(null).setTransactionTimeoutMs(60_000)), (short) 4);
            assertThat(idempotent.error()).as("WRITE on some topic allows an idempotent producer").isEqualTo(Errors.NONE);
            InitProducerIdResponse bobs = (InitProducerIdResponse) bob.send(new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                    .setTransactionalId(null).setTransactionTimeoutMs(60_000)), (short) 4);
            assertThat(bobs.error()).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED);
        }
    }

    @Test
    void aclsAreDescribedDeletedAndSurviveRestart() throws Exception {
        try (Admin admin = admin("admin")) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.GROUP, "g-", PatternType.PREFIXED),
                    new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.ALLOW)))).all().get(30, TimeUnit.SECONDS);
            AclBindingFilter bobs = new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter("User:bob", null,
                    AclOperation.ANY, AclPermissionType.ANY));
            assertThat(admin.describeAcls(bobs).values().get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(admin.describeAcls(new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, "alice-orders", PatternType.MATCH),
                    AccessControlEntryFilter.ANY)).values().get(30, TimeUnit.SECONDS)).as("MATCH finds the prefixed ACLs").hasSize(2);
        }
        BROKER.get().restart();
        try (Admin admin = admin("admin")) {
            AclBindingFilter bobs = new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter("User:bob", null,
                    AclOperation.ANY, AclPermissionType.ANY));
            assertThat(admin.describeAcls(bobs).values().get(30, TimeUnit.SECONDS)).as("durable").hasSize(1);
            assertThat(admin.deleteAcls(List.of(bobs)).all().get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(admin.describeAcls(bobs).values().get(30, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void withoutTheAuthorizerEverythingIsAllowedAndAclApisAreSecurityDisabled() throws Exception {
        try (TributaryBroker open = TributaryBroker.start(); Admin admin = KafkaClients.admin(open.kafkaBootstrap())) {
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isNotEmpty();
            assertThatThrownBy(() -> admin.createAcls(List.of(allow("x", PatternType.LITERAL, "User:bob", AclOperation.ALL))).all()
                    .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SecurityDisabledException.class);
        }
    }
}
