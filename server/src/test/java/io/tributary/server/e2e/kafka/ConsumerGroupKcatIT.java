package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.KafkaSettings;
import io.tributary.server.testing.BrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A librdkafka consumer group (kcat's balanced consumer, {@code -G}; Debian's package, installed by
 * .ci/run): it joins with librdkafka's own API versions, consumes everything, commits, and a second
 * run of the group starts where the first committed.
 */
class ConsumerGroupKcatIT {
    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b
            .set(KafkaSettings.NUM_PARTITIONS, PARTITIONS)
            .set(KafkaSettings.OFFSETS_TOPIC_NUM_PARTITIONS, 3)
            .set(KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS, 0));

    @Test
    void kcatConsumesAsAGroupAndResumesAtItsCommittedOffsets() throws Exception {
        String topic = "kcat-group-topic";
        String group = "kcat-group";
        produce(topic, 0, 30);
        List<String> first = consume(group, topic);
        assertThat(first).hasSize(30).doesNotHaveDuplicates();
        try (Admin admin = KafkaClients.admin(BROKER.get().kafkaBootstrap())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertThat(committed).hasSize(PARTITIONS);
            committed.values().forEach(o -> assertThat(o.offset()).isEqualTo(10));
        }
        produce(topic, 30, PARTITIONS);
        assertThat(consume(group, topic)).containsExactlyInAnyOrder("0:10", "1:10", "2:10");
    }

    private static void produce(String topic, int from, int count) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER.get().kafkaBootstrap(), Map.of())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v" + i)).get();
            }
        }
    }

    /** One run of kcat's balanced consumer until every partition is at its end; returns partition:offset per record. */
    private static List<String> consume(String group, String topic) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kcat", "-b", BROKER.get().kafkaBootstrap(), "-G", group, "-X", "auto.offset.reset=earliest",
                "-X", "session.timeout.ms=6000", "-e", "-q", "-f", "%p:%o\\n", topic));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kcat did not finish: " + out);
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.matches("\\d+:\\d+")).toList();
    }
}
