package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.config.ClusterSettings;
import io.tributary.server.cluster.RaftMetadataStore;
import io.tributary.server.metadata.LocalMetadataStore;
import io.tributary.server.testing.TributaryBroker;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/**
 * A broker whose metadata is a one-node Raft group ({@code cluster.metadata.store=raft}) behaves as
 * one with the single-node store: Kafka topics, AMQP exchanges, queues and bindings made through the
 * protocols survive a restart; and switching an existing broker to the Raft store keeps its metadata.
 */
class RaftMetadataBrokerIT {
    @Test
    void topicsAndAmqpDefinitionsSurviveARestartWithTheOneNodeRaftStore() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start(b -> b.set(ClusterSettings.METADATA_STORE, ClusterSettings.STORE_RAFT))) {
            assertThat(broker.broker().metadataStore()).isInstanceOf(RaftMetadataStore.class);
            Uuid id;
            try (Admin admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                var created = admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1), new NewTopic("audit", 1, (short) 1)));
                created.all().get();
                id = created.topicId("orders").get();
                admin.deleteTopics(List.of("audit")).all().get();
            }
            try (Connection c = amqp(broker); Channel ch = c.createChannel()) {
                ch.exchangeDeclare("events", "topic", true);
                ch.queueDeclare("jobs", true, false, false, Map.of());
                ch.queueBind("jobs", "events", "job.#");
            }

            broker.restart();

            assertThat(Files.exists(broker.dataDir().resolve("meta").resolve("raft"))).isTrue();
            assertThat(Files.exists(broker.dataDir().resolve("meta").resolve("metadata.log"))).isFalse();
            try (Admin admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                assertThat(admin.listTopics().names().get()).contains("orders").doesNotContain("audit");
                TopicDescription d = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
                assertThat(d.topicId()).isEqualTo(id);
                assertThat(d.partitions()).hasSize(3);
            }
            try (Connection c = amqp(broker); Channel ch = c.createChannel()) {
                ch.exchangeDeclarePassive("events");
                ch.queueDeclarePassive("jobs");
                ch.queueUnbind("jobs", "events", "job.#");
            }
        }
    }

    @Test
    void switchingToTheRaftStoreMergesTheSingleNodeMetadataOnce() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            assertThat(broker.broker().metadataStore()).isInstanceOf(LocalMetadataStore.class);
            try (Admin admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                admin.createTopics(List.of(new NewTopic("before-raft", 2, (short) 1))).all().get();
            }

            broker.restart(b -> b.set(ClusterSettings.METADATA_STORE, ClusterSettings.STORE_RAFT));
            assertThat(broker.broker().metadataStore()).isInstanceOf(RaftMetadataStore.class);
            assertThat(Files.exists(broker.dataDir().resolve("meta").resolve("metadata.log.migrated"))).isTrue();
            try (Admin admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                assertThat(admin.describeTopics(List.of("before-raft")).allTopicNames().get().get("before-raft").partitions()).hasSize(2);
                admin.createTopics(List.of(new NewTopic("after-raft", 1, (short) 1))).all().get();
            }

            broker.restart();
            try (Admin admin = KafkaClients.admin(broker.kafkaBootstrap())) {
                assertThat(admin.listTopics().names().get()).contains("before-raft", "after-raft");
            }
        }
    }

    private static Connection amqp(TributaryBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        return f.newConnection();
    }
}
