package io.tributary.queues;

import static io.tributary.queues.testing.QueueFixture.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.queues.testing.QueueFixture;
import io.tributary.queues.testing.Window;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue actor run on the calling thread, so every step is deterministic. */
class QueueTest {
    private final QueueFixture fx;

    QueueTest() throws Exception {
        fx = new QueueFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void roundRobinOverConsumersWithRoom() {
        Queue q = fx.declare("q", false, null);
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
        Queue q = fx.declare("q", false, null);
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
        Queue q = fx.declare("q", false, null);
        Window w = new Window(0, true);
        q.consume(w, false).join();
        q.accept(msg("m0"));
        assertThat(w.messages).isEmpty();
        w.room = 1;
        q.consumerReady(w);
        assertThat(w.bodies()).containsExactly("m0");
    }

    @Test
    void exclusiveConsumerAndDeleteConditions() {
        Queue q = fx.declare("q", false, null);
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
        Queue q = fx.declareAutoDelete("q");
        Window a = new Window(1, false);
        q.consume(a, false).join();
        q.cancel(a).join();
        assertThat(fx.selfDeleted).containsExactly(q);
        assertThat(fx.vhost().destination("q")).isNull();
    }

    @Test
    void aBacklogWithoutConsumersDoesNotCongestPublishers() {
        Queue q = fx.declare("q", false, null);
        for (int i = 0; i <= 3 * Queue.FLOW_HIGH; i++) {
            q.accept(msg("m"));
        }
        assertThat(q.congested()).isFalse();
        assertThat(q.stats().join().ready()).isEqualTo(3 * Queue.FLOW_HIGH + 1);
        assertThat(q.purge().join()).isEqualTo(3 * Queue.FLOW_HIGH + 1);
        assertThat(q.stats().join().ready()).isZero();
    }

    @Test
    void withConsumersAttachedPublishersArePacedOnceTheBacklogGrowsPastItsFloor() {
        Queue q = fx.declare("q", false, null);
        Window stuck = new Window(0, true);
        q.consume(stuck, false).join();
        for (int i = 0; i <= Queue.FLOW_HIGH; i++) {
            q.accept(msg("m"));
        }
        q.stats().join();
        assertThat(q.congested()).isTrue();
        java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
        q.whenUncongested(() -> resumed.set(true));
        assertThat(resumed).isFalse();
        stuck.room = Integer.MAX_VALUE;
        q.consumerReady(stuck);
        for (int i = 0; i < 5; i++) {
            q.ack(List.copyOf(stuck.entries));
        }
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
        assertThatThrownBy(() -> QueueArguments.validate(new QueueDefinition("/", "q", false, null, false, Map.of("x-max-priority", 256))))
                .hasMessage("invalid arg 'x-max-priority' for queue 'q' in vhost '/': {max_value_exceeded,256}");
    }
}
