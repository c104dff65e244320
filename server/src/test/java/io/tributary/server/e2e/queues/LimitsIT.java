package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code x-max-length}, {@code x-max-length-bytes} and {@code x-overflow}, as RabbitMQ applies them to ready messages. */
class LimitsIT extends QueueTestBase {
    @Test
    void dropHeadKeepsTheNewestMessages() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("len.drop", false, false, false, Map.of("x-max-length", 3));
            for (int i = 0; i < 5; i++) {
                ch.basicPublish("", "len.drop", null, bytes("m" + i));
            }
            assertThat(ch.messageCount("len.drop")).isEqualTo(3);
            assertThat(Rabbit.drain(ch, "len.drop")).containsExactly("m2", "m3", "m4");
        }
    }

    @Test
    void aByteLimitCountsBodyBytesOfReadyMessages() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("len.bytes", false, false, false, Map.of("x-max-length-bytes", 10));
            for (int i = 0; i < 4; i++) {
                ch.basicPublish("", "len.bytes", null, bytes("abc" + i));
            }
            assertThat(Rabbit.drain(ch, "len.bytes")).containsExactly("abc2", "abc3");
        }
    }

    @Test
    void unackedMessagesDoNotCountTowardsTheLimit() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("len.unacked", false, false, false, Map.of("x-max-length", 1));
            ch.basicPublish("", "len.unacked", null, bytes("taken"));
            assertThat(ch.basicGet("len.unacked", false)).isNotNull();
            ch.basicPublish("", "len.unacked", null, bytes("ready"));
            assertThat(ch.messageCount("len.unacked")).isEqualTo(1);
        }
    }

    @Test
    void rejectPublishNacksWhatDoesNotFitAndKeepsTheOldest() throws Exception {
        try (Channel ch = channel()) {
            ch.queueDeclare("len.reject", false, false, false, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
            ch.confirmSelect();
            List<String> confirms = new CopyOnWriteArrayList<>();
            ch.addConfirmListener((tag, multiple) -> confirms.add("ack " + tag + (multiple ? "+" : "")),
                    (tag, multiple) -> confirms.add("nack " + tag));
            for (int i = 0; i < 4; i++) {
                ch.basicPublish("", "len.reject", null, bytes("m" + i));
                ch.waitForConfirms(5_000);
            }
            assertThat(confirms).containsExactly("ack 1", "ack 2", "nack 3", "nack 4");
            assertThat(Rabbit.drain(ch, "len.reject")).containsExactly("m0", "m1");
            ch.basicPublish("", "len.reject", null, bytes("room-again"));
            ch.waitForConfirms(5_000);
            assertThat(confirms).last().isEqualTo("ack 5");
        }
    }
}
