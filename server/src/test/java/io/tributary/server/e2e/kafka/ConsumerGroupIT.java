package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.KafkaSettings;
import io.tributary.server.testing.BrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group of real kafka-clients consumers over a six-partition topic shares the work while members
 * join and leave: every record is processed exactly once, and every member that was in the group
 * while records arrived processed some. For the classic protocol with the eager RangeAssignor and
 * with the CooperativeStickyAssignor, and for the consumer protocol of KIP-848 (server-side assignor).
 * A static member (KIP-345) that restarts takes its partitions back without a rebalance.
 */
class ConsumerGroupIT {
    private static final int PARTITIONS = 6;
    private static final int PER_PHASE = 60;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b
            .set(KafkaSettings.NUM_PARTITIONS, PARTITIONS)
            .set(KafkaSettings.OFFSETS_TOPIC_NUM_PARTITIONS, 3)
            .set(KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS, 0)
            .set(KafkaSettings.GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS, 250));

    /** How the group's members are configured. */
    enum Protocol {
        EAGER(Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName())),
        COOPERATIVE(Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName())),
        CONSUMER(Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"));

        final Map<String, Object> config;

        Protocol(Map<String, Object> config) {
            this.config = config;
        }
    }

    private int produced;

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void membersShareTheWorkExactlyOnceWhileJoiningAndLeaving(Protocol protocol) throws Exception {
        String topic = "work-" + protocol.name().toLowerCase(java.util.Locale.ROOT);
        String group = "workers-" + protocol.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, List<String>> ledger = GroupMember.newLedger();
        List<GroupMember> all = new ArrayList<>();
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            produce(producer, topic);
            GroupMember a = member("a", protocol, group, topic, ledger, all);
            awaitConsumed(ledger, produced, all);

            GroupMember b = member("b", protocol, group, topic, ledger, all);
            GroupMember c = member("c", protocol, group, topic, ledger, all);
            awaitSharing(List.of(a, b, c));
            produce(producer, topic);
            awaitConsumed(ledger, produced, all);
            assertThat(b.consumed()).as("records b processed").isPositive();
            assertThat(c.consumed()).as("records c processed").isPositive();

            b.close();
            awaitSharing(List.of(a, c));
            produce(producer, topic);
            awaitConsumed(ledger, produced, all);

            GroupMember d = member("d", protocol, group, topic, ledger, all);
            awaitSharing(List.of(a, c, d));
            int dBefore = d.consumed();
            produce(producer, topic);
            awaitConsumed(ledger, produced, all);
            assertThat(d.consumed()).as("records d processed").isGreaterThan(dBefore);
        } finally {
            all.forEach(GroupMember::close);
        }
        all.forEach(m -> assertThat(m.failure()).as("failure of member " + m.name()).isNull());
        assertThat(ledger).hasSize(produced);
        Map<String, List<String>> twice = new HashMap<>();
        ledger.forEach((value, members) -> {
            if (members.size() != 1) {
                twice.put(value, members);
            }
        });
        assertThat(twice).as("records processed more than once").isEmpty();
    }

    @Test
    void aRestartedStaticMemberGetsItsPartitionsBackWithoutARebalanceUntilAnAdminRemovesIt() throws Exception {
        String topic = "static-work";
        String group = "static-workers";
        Map<String, List<String>> ledger = GroupMember.newLedger();
        List<GroupMember> all = new ArrayList<>();
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of());
                Admin admin = KafkaClients.admin(BROKER.get().kafkaBootstrap())) {
            produce(producer, topic);
            GroupMember a = staticMember("a", "instance-a", group, topic, ledger, all);
            GroupMember b = staticMember("b", "instance-b", group, topic, ledger, all);
            awaitSharing(List.of(a, b));
            awaitConsumed(ledger, produced, all);
            int aRebalances = a.assignmentsReceived();
            Set<TopicPartition> bOwned = b.assignment();

            b.close();
            GroupMember restarted = staticMember("b-restarted", "instance-b", group, topic, ledger, all);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> restarted.assignment().equals(bOwned));
            produce(producer, topic);
            awaitConsumed(ledger, produced, all);
            assertThat(a.assignmentsReceived()).as("rebalances a went through").isEqualTo(aRebalances);
            assertThat(restarted.consumed()).isPositive();

            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                    List.of(new MemberToRemove("instance-b")))).all().get();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.assignmentsReceived() > aRebalances);
            awaitSharing(List.of(a, restarted));
            produce(producer, topic);
            awaitConsumed(ledger, produced, all);
        } finally {
            all.forEach(GroupMember::close);
        }
        all.forEach(m -> assertThat(m.failure()).as("failure of member " + m.name()).isNull());
        assertThat(ledger).hasSize(produced).allSatisfy((value, members) -> assertThat(members).as(value).hasSize(1));
    }

    @Test
    void aRestartedStaticConsumerProtocolMemberTakesItsPartitionsBackWithoutMovingTheOthers() throws Exception {
        String topic = "static-work-848";
        String group = "static-workers-848";
        Map<String, List<String>> ledger = GroupMember.newLedger();
        List<GroupMember> all = new ArrayList<>();
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            produce(producer, topic);
            GroupMember a = staticMember("a", "instance-a", Protocol.CONSUMER, group, topic, ledger, all);
            GroupMember b = staticMember("b", "instance-b", Protocol.CONSUMER, group, topic, ledger, all);
            awaitSharing(List.of(a, b));
            awaitConsumed(ledger, produced, all);
            Set<TopicPartition> aOwned = a.assignment();
            Set<TopicPartition> bOwned = b.assignment();

            b.close();
            GroupMember restarted = staticMember("b-restarted", "instance-b", Protocol.CONSUMER, group, topic, ledger, all);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> restarted.assignment().equals(bOwned));
            produce(producer, topic);
            awaitConsumed(ledger, produced, all);
            assertThat(a.assignment()).isEqualTo(aOwned);
            assertThat(restarted.consumed()).isPositive();
        } finally {
            all.forEach(GroupMember::close);
        }
        all.forEach(m -> assertThat(m.failure()).as("failure of member " + m.name()).isNull());
        assertThat(ledger).hasSize(produced).allSatisfy((value, members) -> assertThat(members).as(value).hasSize(1));
    }

    private static GroupMember staticMember(String name, String instanceId, String group, String topic, Map<String, List<String>> ledger,
            List<GroupMember> all) {
        return staticMember(name, instanceId, Protocol.EAGER, group, topic, ledger, all);
    }

    private static GroupMember staticMember(String name, String instanceId, Protocol protocol, String group, String topic,
            Map<String, List<String>> ledger, List<GroupMember> all) {
        Map<String, Object> config = new HashMap<>(protocol.config);
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (protocol != Protocol.CONSUMER) {
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 250);
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        }
        GroupMember m = new GroupMember(name, KafkaClients.consumer(BROKER.get().kafkaBootstrap(), config), topic, ledger);
        all.add(m);
        return m;
    }

    private static GroupMember member(String name, Protocol protocol, String group, String topic, Map<String, List<String>> ledger,
            List<GroupMember> all) {
        Map<String, Object> config = new HashMap<>(protocol.config);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (protocol != Protocol.CONSUMER) {
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 250);
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
        }
        GroupMember m = new GroupMember(name, KafkaClients.consumer(BROKER.get().kafkaBootstrap(), config), topic, ledger);
        all.add(m);
        return m;
    }

    private void produce(KafkaProducer<String, String> producer, String topic) throws Exception {
        for (int i = 0; i < PER_PHASE; i++) {
            int n = produced + i;
            producer.send(new ProducerRecord<>(topic, n % PARTITIONS, "k" + n, "record-" + n));
        }
        producer.flush();
        produced += PER_PHASE;
    }

    private static void awaitConsumed(Map<String, List<String>> ledger, int count, List<GroupMember> members) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            members.forEach(m -> assertThat(m.failure()).as("failure of member " + m.name()).isNull());
            return ledger.size() >= count;
        });
    }

    /** Waits until the members own disjoint, non-empty sets of partitions that together cover the topic. */
    private static void awaitSharing(List<GroupMember> members) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Set<TopicPartition> union = new HashSet<>();
            int total = 0;
            for (GroupMember m : members) {
                assertThat(m.failure()).as("failure of member " + m.name()).isNull();
                Set<TopicPartition> owned = m.assignment();
                if (owned.isEmpty()) {
                    return false;
                }
                union.addAll(owned);
                total += owned.size();
            }
            return union.size() == PARTITIONS && total == PARTITIONS;
        });
    }
}
