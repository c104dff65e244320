package io.tributary.queues.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.queues.quorum.QuorumCommand.Cancel;
import io.tributary.queues.quorum.QuorumCommand.Checkout;
import io.tributary.queues.quorum.QuorumCommand.Discard;
import io.tributary.queues.quorum.QuorumCommand.Enqueue;
import io.tributary.queues.quorum.QuorumCommand.NodeDown;
import io.tributary.queues.quorum.QuorumCommand.Purge;
import io.tributary.queues.quorum.QuorumCommand.Return;
import io.tributary.queues.quorum.QuorumCommand.Settle;
import io.tributary.queues.quorum.QuorumEffect.DeadLetter;
import io.tributary.queues.quorum.QuorumEffect.Deliver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quorum queue state machine's decisions, as RabbitMQ's quorum queues make them. */
class QuorumQueueMachineTest {
    private final QuorumQueueMachine q = new QuorumQueueMachine(2, false);

    @Test
    void messagesGoRoundRobinToConsumersWithRoomAndWaitWhenNoneHasAny() {
        q.apply(new Checkout("a", 0, 1));
        q.apply(new Checkout("b", 1, 1));
        assertThat(delivered(q.apply(new Enqueue("m0")))).containsExactly("a:m0");
        assertThat(delivered(q.apply(new Enqueue("m1")))).containsExactly("b:m1");
        assertThat(q.apply(new Enqueue("m2"))).isEmpty();
        assertThat(q.readyCount()).isEqualTo(1);
        // a settle makes room: the waiting message goes to the consumer that has it
        assertThat(delivered(q.apply(new Settle("a", List.of(0L))))).containsExactly("a:m2");
        assertThat(q.contains(0)).isFalse();
        assertThat(q.unsettledCount()).isEqualTo(2);
    }

    @Test
    void aReturnedMessageComesBackFirstRedeliveredAndIsDeadLetteredPastTheDeliveryLimit() {
        q.apply(new Checkout("a", 0, 0));
        q.apply(new Enqueue("m0"));
        q.apply(new Enqueue("m1"));
        List<QuorumEffect> again = q.apply(new Return("a", List.of(0L)));
        assertThat(again).singleElement().isInstanceOfSatisfying(Deliver.class, d -> {
            assertThat(d.id()).isZero();
            assertThat(d.redelivered()).isTrue();
            assertThat(d.deliveryCount()).isEqualTo(1);
        });
        q.apply(new Return("a", List.of(0L)));
        // the third failed attempt is over x-delivery-limit 2
        assertThat(q.apply(new Return("a", List.of(0L)))).singleElement()
                .isEqualTo(new DeadLetter(0, "m0", "delivery_limit", 3));
        assertThat(q.contains(0)).isFalse();
        assertThat(q.apply(new Discard("a", List.of(1L)))).singleElement().isEqualTo(new DeadLetter(1, "m1", "rejected", 0));
    }

    @Test
    void aCancelledConsumersOrADeadNodesMessagesGoToTheOthers() {
        q.apply(new Checkout("a", 0, 0));
        q.apply(new Enqueue("m0"));
        q.apply(new Enqueue("m1"));
        q.apply(new Checkout("b", 1, 0));
        assertThat(delivered(q.apply(new Cancel("a")))).containsExactly("b:m0", "b:m1");
        q.apply(new Checkout("c", 2, 0));
        q.apply(new Enqueue("m2"));
        assertThat(q.holderOf(2)).isEqualTo("c");
        // node 1 dies: b's messages go to c, each a second time
        List<QuorumEffect> moved = q.apply(new NodeDown(1));
        assertThat(delivered(moved)).containsExactly("c:m0", "c:m1");
        assertThat(moved).allSatisfy(e -> assertThat(((Deliver) e).deliveryCount()).isEqualTo(2));
        // a settle of what it no longer has (a stale command) changes nothing
        q.apply(new Settle("b", List.of(0L)));
        assertThat(q.contains(0)).isTrue();
    }

    @Test
    void singleActiveConsumerServesTheFirstOnlyUntilItGoes() {
        QuorumQueueMachine sac = new QuorumQueueMachine(-1, true);
        sac.apply(new Checkout("first", 0, 0));
        sac.apply(new Checkout("second", 1, 0));
        assertThat(delivered(sac.apply(new Enqueue("m0")))).containsExactly("first:m0");
        assertThat(delivered(sac.apply(new Cancel("first")))).containsExactly("second:m0");
    }

    @Test
    void aPurgeDropsWhatWaitsButNotWhatIsDelivered() {
        q.apply(new Checkout("a", 0, 1));
        q.apply(new Enqueue("m0"));
        q.apply(new Enqueue("m1"));
        q.apply(new Enqueue("m2"));
        assertThat(q.apply(new Purge())).containsExactly(new QuorumEffect.Purged(2));
        assertThat(q.readyCount()).isZero();
        assertThat(q.holderOf(0)).isEqualTo("a");
    }

    @Test
    void overItsLengthLimitAQueueDropsItsOldestReadyMessagesAsDeadLetters() {
        QuorumQueueMachine limited = new QuorumQueueMachine(-1, false, new QuorumLimits(2, -1, false));
        limited.apply(new Enqueue("m0", 10));
        limited.apply(new Enqueue("m1", 10));
        assertThat(limited.apply(new Enqueue("m2", 10))).singleElement().isEqualTo(new DeadLetter(0, "m0", "maxlen", 0));
        assertThat(limited.readyCount()).isEqualTo(2);
        assertThat(limited.readyBytes()).isEqualTo(20);
        // delivered messages do not count: with one out, a third fits
        limited.apply(new Checkout("a", 0, 1));
        assertThat(limited.apply(new Enqueue("m3", 10))).isEmpty();
        assertThat(limited.readyCount()).isEqualTo(2);

        QuorumQueueMachine bytes = new QuorumQueueMachine(-1, false, new QuorumLimits(-1, 25, false));
        bytes.apply(new Enqueue("b0", 10));
        bytes.apply(new Enqueue("b1", 10));
        assertThat(bytes.apply(new Enqueue("b2", 10))).singleElement().isEqualTo(new DeadLetter(0, "b0", "maxlen", 0));
        assertThat(bytes.readyBytes()).isEqualTo(20);
    }

    @Test
    void aFullQueueThatRejectsPublishesRefusesTheNewMessageAndKeepsTheOld() {
        QuorumQueueMachine limited = new QuorumQueueMachine(-1, false, new QuorumLimits(1, -1, true));
        assertThat(limited.apply(new Enqueue("m0", 5))).isEmpty();
        assertThat(limited.apply(new Enqueue("m1", 5))).containsExactly(new QuorumEffect.Refused());
        assertThat(limited.readyCount()).isEqualTo(1);
        limited.apply(new Checkout("a", 0, 0));
        assertThat(limited.apply(new Enqueue("m2", 5))).hasSize(1).allMatch(e -> e instanceof Deliver);
        QuorumQueueMachine restored = QuorumQueueMachine.restore(limited.snapshot());
        assertThat(restored.snapshot()).isEqualTo(limited.snapshot());
        assertThat(restored.readyBytes()).isEqualTo(limited.readyBytes());
    }

    @Test
    void anExpireDeadLettersTheExpiredMessagesAtTheHeadOnly() {
        QuorumQueueMachine ttl = new QuorumQueueMachine(-1, false);
        ttl.apply(new Enqueue("m0", 1, 100));
        ttl.apply(new Enqueue("m1", 1, 300));
        ttl.apply(new Enqueue("m2", 1, 200)); // behind an unexpired message: stays until it reaches the head
        assertThat(ttl.headExpiresAt()).isEqualTo(100);
        assertThat(ttl.apply(new QuorumCommand.Expire(250))).containsExactly(new DeadLetter(0, "m0", "expired", 0));
        assertThat(ttl.headExpiresAt()).isEqualTo(300);
        assertThat(ttl.apply(new QuorumCommand.Expire(300))).containsExactly(new DeadLetter(1, "m1", "expired", 0),
                new DeadLetter(2, "m2", "expired", 0));
        assertThat(ttl.readyCount()).isZero();
        assertThat(ttl.headExpiresAt()).isEqualTo(Long.MAX_VALUE);
    }

    private static List<String> delivered(List<QuorumEffect> effects) {
        return effects.stream().filter(Deliver.class::isInstance).map(Deliver.class::cast).map(d -> d.consumer() + ":" + d.payload()).toList();
    }
}
