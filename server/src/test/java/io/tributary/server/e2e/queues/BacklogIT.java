package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.PERSISTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.config.QueueSettings;
import io.tributary.server.testing.TributaryBroker;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A backlog far larger than the in-memory window (64 messages here) is paged from the journal: a
 * consumer gets all of it, in order, and the journal's segments go as they are acknowledged.
 */
class BacklogIT {
    private static final int MESSAGES = 10_000;

    @Test
    void aBacklogMuchLargerThanMemoryIsDeliveredInOrderAndItsSegmentsDeleted() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start(b -> b.set(QueueSettings.WINDOW_MESSAGES, 64)
                .set(QueueSettings.SEGMENT_BYTES, 1 << 20))) {
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.queueDeclare("backlog", true, false, false, null);
                Path dir = Rabbit.journalOf(broker.dataDir(), "backlog");
                ch.confirmSelect();
                byte[] body = new byte[1024];
                for (int i = 0; i < MESSAGES; i++) {
                    ByteBuffer.wrap(body).putInt(0, i);
                    ch.basicPublish("", "backlog", PERSISTENT, body);
                }
                ch.waitForConfirmsOrDie(60_000);
                assertThat(ch.messageCount("backlog")).isEqualTo(MESSAGES);
                assertThat(segments(dir)).isGreaterThan(5);
                ch.basicQos(500);
                int[] next = {0};
                boolean[] inOrder = {true};
                ch.basicConsume("backlog", false, (tag, d) -> {
                    inOrder[0] &= ByteBuffer.wrap(d.getBody()).getInt(0) == next[0]++;
                    ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                }, tag -> { });
                await().atMost(Duration.ofSeconds(60)).until(() -> next[0] == MESSAGES);
                assertThat(inOrder[0]).isTrue();
                await().untilAsserted(() -> assertThat(segments(dir)).isEqualTo(1));
            }
        }
    }

    private static long segments(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("msgs.")).count();
        }
    }
}
