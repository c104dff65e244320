package io.tributary.server.e2e.queues;

import static io.tributary.server.e2e.queues.Rabbit.PERSISTENT;
import static io.tributary.server.e2e.queues.Rabbit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.tributary.server.testing.TributaryBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Durable queues across restarts of an in-process broker, as RabbitMQ users expect them: persistent
 * messages stay (in order, redelivered when they had been delivered), transient messages and
 * non-durable queues go, confirmed messages were on disk.
 */
class DurableQueueIT {
    @Test
    void persistentMessagesOfDurableQueuesSurviveARestartAndTheRestDoesNot() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.confirmSelect();
                ch.queueDeclare("orders", true, false, false, null);
                ch.queueDeclare("scratch", false, false, false, null);
                for (int i = 0; i < 20; i++) {
                    ch.basicPublish("", "orders", i % 4 == 3 ? null : PERSISTENT, bytes("o" + i));
                    ch.basicPublish("", "scratch", PERSISTENT, bytes("s" + i));
                }
                ch.waitForConfirmsOrDie(10_000);
                assertThat(ch.messageCount("orders")).isEqualTo(20);
            }
            broker.restart();
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                List<String> expected = IntStream.range(0, 20).filter(i -> i % 4 != 3).mapToObj(i -> "o" + i).toList();
                assertThat(ch.queueDeclarePassive("orders").getMessageCount()).isEqualTo(expected.size());
                assertThat(Rabbit.drain(ch, "orders")).containsExactlyElementsOf(expected);
            }
            try (Connection c = Rabbit.connect(broker.amqpPort())) {
                Channel ch = c.createChannel();
                assertThatThrownBy(() -> ch.queueDeclarePassive("scratch")).isInstanceOf(java.io.IOException.class)
                        .hasCauseInstanceOf(ShutdownSignalException.class);
            }
        }
    }

    @Test
    void messagesDeliveredBeforeARestartComeBackFlaggedRedeliveredInTheirPlace() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.confirmSelect();
                ch.queueDeclare("jobs", true, false, false, null);
                for (int i = 0; i < 6; i++) {
                    ch.basicPublish("", "jobs", PERSISTENT, bytes("j" + i));
                }
                ch.waitForConfirmsOrDie(10_000);
                List<GetResponse> taken = List.of(ch.basicGet("jobs", false), ch.basicGet("jobs", false), ch.basicGet("jobs", false));
                ch.basicAck(taken.get(1).getEnvelope().getDeliveryTag(), false);
                assertThat(ch.queueDeclarePassive("jobs").getMessageCount()).isEqualTo(3);
            }
            broker.restart();
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                List<String> bodies = new java.util.ArrayList<>();
                List<Boolean> redelivered = new java.util.ArrayList<>();
                GetResponse g;
                while ((g = ch.basicGet("jobs", true)) != null) {
                    bodies.add(Rabbit.text(g.getBody()));
                    redelivered.add(g.getEnvelope().isRedeliver());
                }
                assertThat(bodies).containsExactly("j0", "j2", "j3", "j4", "j5");
                assertThat(redelivered).containsExactly(true, true, false, false, false);
            }
        }
    }

    @Test
    void persistentMessagesOfACommittedTransactionSurviveACrashOfTheBroker() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.queueDeclare("ledger", true, false, false, null);
                ch.txSelect();
                ch.basicPublish("", "ledger", PERSISTENT, bytes("credit"));
                ch.basicPublish("", "ledger", PERSISTENT, bytes("debit"));
                ch.txCommit();
                ch.basicPublish("", "ledger", PERSISTENT, bytes("rolled back"));
                ch.txRollback();
            }
            broker.restart();
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                assertThat(Rabbit.drain(ch, "ledger")).containsExactly("credit", "debit");
            }
        }
    }

    @Test
    void theJournalOfADeletedQueueIsRemoved() throws Exception {
        try (TributaryBroker broker = TributaryBroker.start()) {
            Path dir;
            try (Connection c = Rabbit.connect(broker.amqpPort()); Channel ch = c.createChannel()) {
                ch.confirmSelect();
                ch.queueDeclare("doomed", true, false, false, null);
                ch.basicPublish("", "doomed", PERSISTENT, bytes("x"));
                ch.waitForConfirmsOrDie(10_000);
                dir = Rabbit.journalOf(broker.dataDir(), "doomed");
                assertThat(dir.resolve("msgs.0000000001")).exists();
                assertThat(ch.queueDelete("doomed").getMessageCount()).isEqualTo(1);
            }
            await().until(() -> !Files.exists(dir));
            broker.restart();
            try (Stream<Path> left = Files.list(broker.dataDir().resolve("queues"))) {
                assertThat(left.flatMap(DurableQueueIT::children)).isEmpty();
            }
        }
    }

    private static Stream<Path> children(Path p) {
        try {
            return Files.list(p).toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
