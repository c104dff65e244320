package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.KafkaSettings;
import io.tributary.server.testing.BrokerExtension;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Admin client's group operations against live and empty groups: list, describe (classic and
 * consumer protocol), list, alter and delete committed offsets, delete groups, remove members.
 */
class ConsumerGroupAdminIT {
    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b
            .set(KafkaSettings.NUM_PARTITIONS, PARTITIONS)
            .set(KafkaSettings.OFFSETS_TOPIC_NUM_PARTITIONS, 3)
            .set(KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS, 0)
            .set(KafkaSettings.GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS, 250));

    private static void produce(String topic, int count) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v" + i)).get();
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String group, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-client");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return KafkaClients.consumer(BROKER.get().kafkaBootstrap(), config);
    }

    private static Throwable cause(ThrowingCall call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static Set<TopicPartition> partitionsOf(ConsumerGroupDescription d) {
        return d.members().stream().flatMap(m -> m.assignment().topicPartitions().stream()).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    @SuppressWarnings("deprecation")
    void aClassicGroupIsListedDescribedAndItsOffsetsAlteredAndDeletedOnceEmpty() throws Exception {
        String topic = "admin-classic";
        String group = "admin-classic-group";
        produce(topic, 30);
        try (Admin admin = KafkaClients.admin(BROKER.get().kafkaBootstrap())) {
            try (KafkaConsumer<String, String> c = consumer(group, Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"))) {
                c.subscribe(List.of(topic));
                KafkaClients.pollUntil(c, 30);
                c.commitSync();

                Collection<GroupListing> listed = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get();
                assertThat(listed).filteredOn(g -> g.groupId().equals(group)).singleElement().satisfies(g -> {
                    assertThat(g.type()).contains(GroupType.CLASSIC);
                    assertThat(g.groupState()).contains(GroupState.STABLE);
                    assertThat(g.protocol()).isEqualTo("consumer");
                });
                assertThat(admin.listConsumerGroups().all().get()).anyMatch(g -> g.groupId().equals(group));

                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
                assertThat(d.type()).isEqualTo(GroupType.CLASSIC);
                assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
                assertThat(d.partitionAssignor()).isEqualTo("range");
                assertThat(d.coordinator().id()).isEqualTo(0);
                assertThat(d.members()).singleElement().satisfies(m -> {
                    assertThat(m.clientId()).isEqualTo(group + "-client");
                    assertThat(m.host()).isEqualTo("/127.0.0.1");
                });
                assertThat(partitionsOf(d)).hasSize(PARTITIONS);

                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertThat(offsets).hasSize(PARTITIONS);
                offsets.values().forEach(o -> assertThat(o.offset()).isEqualTo(10));

                TopicPartition p0 = new TopicPartition(topic, 0);
                TopicPartition p1 = new TopicPartition(topic, 1);
                assertThat(cause(() -> admin.deleteConsumerGroups(List.of(group)).all().get())).isInstanceOf(GroupNotEmptyException.class);
                assertThat(cause(() -> admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(2))).all().get()))
                        .isInstanceOf(UnknownMemberIdException.class);
                assertThat(cause(() -> admin.deleteConsumerGroupOffsets(group, Set.of(p0)).all().get()))
                        .isInstanceOf(GroupSubscribedToTopicException.class);
            }

            ConsumerGroupDescription empty = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            assertThat(empty.groupState()).isEqualTo(GroupState.EMPTY);
            assertThat(empty.members()).isEmpty();
            assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups().inGroupStates(Set.of(GroupState.EMPTY))).all().get())
                    .anyMatch(g -> g.groupId().equals(group));
            assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups().inGroupStates(Set.of(GroupState.STABLE))).all().get())
                    .noneMatch(g -> g.groupId().equals(group));

            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(2, "rewound"))).all().get();
            admin.deleteConsumerGroupOffsets(group, Set.of(p1)).all().get();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertThat(offsets).containsOnlyKeys(p0, new TopicPartition(topic, 2));
            assertThat(offsets.get(p0)).isEqualTo(new OffsetAndMetadata(2, "rewound"));

            String other = group + "-other";
            admin.alterConsumerGroupOffsets(other, Map.of(p1, new OffsetAndMetadata(5))).all().get();
            ListConsumerGroupOffsetsResult both = admin.listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec(),
                    other, new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(p0, p1))));
            assertThat(both.partitionsToOffsetAndMetadata(group).get()).containsOnlyKeys(p0, new TopicPartition(topic, 2));
            Map<TopicPartition, OffsetAndMetadata> ofOther = both.partitionsToOffsetAndMetadata(other).get();
            assertThat(ofOther.get(p1)).isEqualTo(new OffsetAndMetadata(5));
            assertThat(ofOther.get(p0)).as("never committed").isNull();
            admin.deleteConsumerGroups(List.of(other)).all().get();

            try (KafkaConsumer<String, String> c = consumer(group, Map.of())) {
                c.subscribe(List.of(topic));
                assertThat(KafkaClients.pollUntil(c, 18)).hasSize(18)
                        .allSatisfy(r -> assertThat(r.offset()).isGreaterThanOrEqualTo(r.partition() == 0 ? 2 : 0));
            }

            admin.deleteConsumerGroups(List.of(group)).all().get();
            assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()).noneMatch(g -> g.groupId().equals(group));
            assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()).isEmpty();
            assertThat(cause(() -> admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get()))
                    .isInstanceOf(GroupIdNotFoundException.class);
            assertThat(cause(() -> admin.deleteConsumerGroups(List.of(group)).all().get())).isInstanceOf(GroupIdNotFoundException.class);
        }
    }

    @Test
    void aConsumerProtocolGroupIsDescribedWithItsAssignmentsAndDeletedOnceEmpty() throws Exception {
        String topic = "admin-consumer";
        String group = "admin-consumer-group";
        produce(topic, 9);
        try (Admin admin = KafkaClients.admin(BROKER.get().kafkaBootstrap())) {
            try (KafkaConsumer<String, String> c = consumer(group, Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"))) {
                c.subscribe(List.of(topic));
                KafkaClients.pollUntil(c, 9);
                c.commitSync();
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
                    assertThat(d.type()).isEqualTo(GroupType.CONSUMER);
                    assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
                    assertThat(d.partitionAssignor()).isEqualTo("uniform");
                    assertThat(d.groupEpoch()).hasValueSatisfying(e -> assertThat(e).isPositive());
                    MemberDescription m = d.members().iterator().next();
                    assertThat(m.clientId()).isEqualTo(group + "-client");
                    assertThat(m.assignment().topicPartitions()).hasSize(PARTITIONS);
                    assertThat(m.targetAssignment()).hasValueSatisfying(t -> assertThat(t.topicPartitions()).hasSize(PARTITIONS));
                });
                assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get())
                        .filteredOn(g -> g.groupId().equals(group)).singleElement().satisfies(g -> assertThat(g.type()).contains(GroupType.CONSUMER));
                assertThat(cause(() -> admin.deleteConsumerGroups(List.of(group)).all().get())).isInstanceOf(GroupNotEmptyException.class);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().groupState() == GroupState.EMPTY);
            assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()).hasSize(PARTITIONS);
            admin.deleteConsumerGroups(List.of(group)).all().get();
            assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()).isEmpty();
        }
    }
}
