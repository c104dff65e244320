package io.tributary.server.e2e.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.PackagedBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kcat (librdkafka, Debian's package, installed by .ci/run) against the packaged broker: it produces
 * with every codec and consumes, and what it writes the Java client reads and the reverse.
 */
class KcatIT {
    @TempDir
    static Path tmp;
    static PackagedBroker broker;

    @BeforeAll
    static void start() {
        broker = new PackagedBroker(tmp.resolve("data")).start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        broker.close();
    }

    private String bootstrap() {
        return "127.0.0.1:" + broker.kafkaPort();
    }

    @Test
    void kcatProducesWithEveryCodecAndConsumesWhatItProduced() throws Exception {
        for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
            String topic = "kcat-" + codec;
            StringBuilder input = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                input.append("key").append(i).append(':').append("value-").append(codec).append('-').append(i).append('\n');
            }
            Result produced = kcat(input.toString(), "-P", "-b", bootstrap(), "-t", topic, "-p", "0", "-K:", "-z", codec,
                    "-X", "acks=all");
            assertThat(produced.exitCode()).as(produced.output()).isZero();
            Result consumed = kcat("", "-C", "-b", bootstrap(), "-t", topic, "-p", "0", "-o", "beginning", "-e", "-q",
                    "-f", "%o %k=%s\\n");
            assertThat(consumed.exitCode()).as(consumed.output()).isZero();
            List<String> lines = consumed.output().lines().toList();
            assertThat(lines).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(lines.get(i)).isEqualTo(i + " key" + i + "=value-" + codec + "-" + i);
            }
        }
    }

    @Test
    void javaAndKcatReadEachOthersRecords() throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap(), Map.of())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("from-java", 0, "j" + i, "java-" + i)).get();
            }
        }
        Result consumed = kcat("", "-C", "-b", bootstrap(), "-t", "from-java", "-o", "beginning", "-e", "-q", "-f", "%k=%s\\n");
        assertThat(consumed.output().lines().toList()).hasSize(20).startsWith("j0=java-0").endsWith("j19=java-19");

        Result produced = kcat("a:1\nb:2\nc:3\n", "-P", "-b", bootstrap(), "-t", "from-kcat", "-p", "0", "-K:");
        assertThat(produced.exitCode()).as(produced.output()).isZero();
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(bootstrap(), Map.of())) {
            consumer.assign(List.of(new TopicPartition("from-kcat", 0)));
            List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 3);
            assertThat(records).extracting(r -> r.key() + "=" + r.value()).containsExactly("a=1", "b=2", "c=3");
        }
        Result metadata = kcat("", "-L", "-b", bootstrap(), "-t", "from-kcat");
        assertThat(metadata.output()).contains("topic \"from-kcat\" with 1 partitions");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result kcat(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("kcat");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kcat did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
