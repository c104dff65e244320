package io.tributary.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormat;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.queues.dispatch.QueueConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The queue actor run on the calling thread, so every step is deterministic. */
class QueueTest {
    private static final MessageFormat FORMAT = new MessageFormat() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public MessageProperties decode(byte[] encoded) {
            return MessageProperties.EMPTY;
        }

        @Override
        public byte[] encode(MessageProperties properties) {
            return new byte[0];
        }
    };

    private final AtomicBoolean autoDeleted = new AtomicBoolean();

    private Queue queue(boolean autoDelete) {
        return new Queue(new QueueDefinition("/", "q", false, null, autoDelete, null), Runnable::run, q -> autoDeleted.set(true));
    }

    private static Message msg(String body) {
        return new Message(FORMAT, null, body.getBytes(StandardCharsets.UTF_8), "", "q", 0);
    }

    /** A consumer with a fixed window. */
    static final class Window implements QueueConsumer {
        final List<QueueEntry> got = new ArrayList<>();
        final List<Boolean> redelivered = new ArrayList<>();
        int room;
        final boolean ack;
        boolean cancelled;

        Window(int room, boolean ack) {
            this.room = room;
            this.ack = ack;
        }

        List<String> bodies() {
            return got.stream().map(e -> new String(e.message().bodyArray(), StandardCharsets.UTF_8)).toList();
        }

        @Override
        public String tag() {
            return "c";
        }

        @Override
        public boolean ackRequired() {
            return ack;
        }

        @Override
        public boolean tryReserve() {
            if (room > 0) {
                room--;
                return true;
            }
            return false;
        }

        @Override
        public void deliver(Queue queue, QueueEntry entry, boolean redeliveredFlag) {
            got.add(entry);
            redelivered.add(redeliveredFlag);
        }

        @Override
        public void cancelledByQueue(Queue queue) {
            cancelled = true;
        }
    }

    @Test
    void roundRobinOverConsumersWithRoom() {
        Queue q = queue(false);
        Window a = new Window(10, true);
        Window b = new Window(1, true);
        q.consume(a, false).join();
        q.consume(b, false).join();
        for (int i = 0; i < 5; i++) {
            q.accept(msg("m" + i));
        }
        assertThat(a.bodies()).containsExactly("m0", "m2", "m3", "m4");
        assertThat(b.bodies()).containsExactly("m1");
        assertThat(q.stats().join()).isEqualTo(new QueueStats(0, 5, 2));
    }

    @Test
    void requeuedEntriesGoBackToTheirOriginalPlace() {
        Queue q = queue(false);
        for (int i = 0; i < 4; i++) {
            q.accept(msg("m" + i));
        }
        GetResult first = q.get(true).join();
        GetResult second = q.get(true).join();
        assertThat(second.messagesLeft()).isEqualTo(2);
        q.requeue(List.of(second.entry()));
        q.requeue(List.of(first.entry()));
        Window w = new Window(10, true);
        q.consume(w, false).join();
        assertThat(w.bodies()).containsExactly("m0", "m1", "m2", "m3");
        assertThat(w.redelivered).containsExactly(true, true, false, false);
    }

    @Test
    void consumerWithoutRoomIsSkippedUntilReady() {
        Queue q = queue(false);
        Window w = new Window(0, true);
        q.consume(w, false).join();
        q.accept(msg("m0"));
        assertThat(w.got).isEmpty();
        w.room = 1;
        q.consumerReady(w);
        assertThat(w.bodies()).containsExactly("m0");
    }

    @Test
    void exclusiveConsumerAndDeleteConditions() {
        Queue q = queue(false);
        Window w = new Window(0, true);
        q.consume(w, true).join();
        assertThatThrownBy(() -> q.consume(new Window(1, true), false).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> q.checkDeletable(true, false).join()).hasCauseInstanceOf(PreconditionFailedException.class);
        q.accept(msg("m0"));
        assertThatThrownBy(() -> q.checkDeletable(false, true).join()).hasCauseInstanceOf(PreconditionFailedException.class);
        assertThat(q.deleted().join()).isEqualTo(1);
        assertThat(w.cancelled).isTrue();
    }

    @Test
    void autoDeleteAfterTheLastConsumerLeaves() {
        Queue q = queue(true);
        Window a = new Window(1, false);
        q.consume(a, false).join();
        q.cancel(a).join();
        assertThat(autoDeleted).isTrue();
    }

    @Test
    void congestionIsReportedAboveTheHighWatermarkAndClearedBelowTheLow() {
        Queue q = queue(false);
        for (int i = 0; i <= Queue.FLOW_HIGH; i++) {
            q.accept(msg("m"));
        }
        assertThat(q.congested()).isTrue();
        AtomicBoolean resumed = new AtomicBoolean();
        q.whenUncongested(() -> resumed.set(true));
        assertThat(resumed).isFalse();
        assertThat(q.purge().join()).isEqualTo(Queue.FLOW_HIGH + 1);
        assertThat(resumed).isTrue();
        assertThat(q.congested()).isFalse();
    }

    @Test
    void argumentsAreValidatedLikeRabbitMq() {
        QueueArguments.validate(new QueueDefinition("/", "ok", false, null, false,
                Map.of("x-max-length", 10, "x-message-ttl", 1000L, "x-overflow", "reject-publish", "x-max-priority", 10)));
        assertThatThrownBy(() -> QueueArguments.validate(new QueueDefinition("/", "q", false, null, false, Map.of("x-expires", 0))))
                .hasMessage("invalid arg 'x-expires' for queue 'q' in vhost '/': {value_zero,0}");
        assertThatThrownBy(() -> QueueArguments.validate(new QueueDefinition("/", "q", false, null, false, Map.of("x-max-length", "ten"))))
                .hasMessage("invalid arg 'x-max-length' for queue 'q' in vhost '/': {unacceptable_type,longstr}");
    }
}
