package io.tributary.queues;

import static io.tributary.queues.testing.QueueFixture.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.binding.Binding;
import io.tributary.queues.testing.QueueFixture;
import io.tributary.queues.testing.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TTL, x-expires, limits and delivery limits on a manual clock, so expiry times are exact. */
class QueueFeaturesTest {
    private final QueueFixture fx;

    QueueFeaturesTest() throws Exception {
        fx = new QueueFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static List<String> drain(Queue q) {
        List<String> out = new ArrayList<>();
        GetResult r;
        while ((r = q.get(false).join()).entry() != null) {
            out.add(QueueFixture.text(r.message()));
        }
        return out;
    }

    private Queue withDeadLetters(String name, Map<String, Object> args) {
        Map<String, Object> a = new java.util.HashMap<>(args);
        a.put("x-dead-letter-exchange", "");
        a.put("x-dead-letter-routing-key", name + ".dead");
        fx.declare(name + ".dead", false, null);
        return fx.declare(name, false, a);
    }

    @Test
    void aShortTtlBehindALongOneExpiresAtItsOwnTime() {
        Queue q = withDeadLetters("mixed", Map.of());
        q.accept(msg("long", "expiration=60000;"));
        q.accept(msg("forever"));
        q.accept(msg("short", "expiration=100;"));
        fx.clock.advance(100);
        assertThat(q.stats().join().ready()).isEqualTo(3);
        fx.clock.advance(1);
        assertThat(q.stats().join().ready()).isEqualTo(2);
        assertThat(drain(fx.queue("mixed.dead"))).containsExactly("short");
        fx.clock.advance(60_000);
        assertThat(drain(fx.queue("mixed.dead"))).containsExactly("long");
        assertThat(drain(q)).containsExactly("forever");
    }

    @Test
    void aQueueTtlExpiresFromTheHeadInOrder() {
        Queue q = withDeadLetters("ttl", Map.of("x-message-ttl", 1000));
        q.accept(msg("a"));
        fx.clock.advance(400);
        q.accept(msg("b"));
        fx.clock.advance(601);
        assertThat(drain(fx.queue("ttl.dead"))).containsExactly("a");
        fx.clock.advance(400);
        assertThat(drain(fx.queue("ttl.dead"))).containsExactly("b");
    }

    @Test
    void anExpiredMessageIsNotDeliveredAndARequeuedOneKeepsItsExpiry() {
        Queue q = fx.declare("exp", false, Map.of("x-message-ttl", 500));
        q.accept(msg("m"));
        GetResult got = q.get(true).join();
        fx.clock.advance(501);
        q.requeue(List.of(got.entry()));
        Window w = new Window(10, true);
        q.consume(w, false).join();
        assertThat(w.messages).isEmpty();
        assertThat(q.stats().join().ready()).isZero();
    }

    @Test
    void anUnusedQueueExpiresAfterXExpires() {
        Queue q = fx.declare("lease", false, Map.of("x-expires", 1000));
        fx.clock.advance(600);
        q.get(false).join();
        fx.clock.advance(600);
        assertThat(fx.selfDeleted).isEmpty();
        fx.clock.advance(401);
        assertThat(fx.selfDeleted).containsExactly(q);
    }

    @Test
    void aDeliveryLimitDeadLettersThePoisonMessage() {
        Queue q = withDeadLetters("poison", Map.of("x-delivery-limit", 2));
        q.accept(msg("p"));
        for (int i = 0; i < 3; i++) {
            GetResult r = q.get(true).join();
            assertThat(r.entry()).isNotNull();
            assertThat(r.message().properties()).isNotNull();
            q.requeue(List.of(r.entry()));
        }
        assertThat(q.stats().join().ready()).isZero();
        assertThat(drain(fx.queue("poison.dead"))).containsExactly("p");
    }

    @Test
    void dropHeadAndRejectPublishKeepTheLimit() {
        Queue drop = fx.declare("drop", false, Map.of("x-max-length", 2));
        Queue reject = fx.declare("reject", false, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        for (int i = 0; i < 4; i++) {
            drop.accept(msg("d" + i));
        }
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accepted.add(!reject.accept(msg("r" + i)).isCompletedExceptionally());
        }
        assertThat(drain(drop)).containsExactly("d2", "d3");
        assertThat(accepted).containsExactly(true, true, false, false);
        assertThat(drain(reject)).containsExactly("r0", "r1");
    }

    @Test
    void deadLettersAreRoutedThroughTheDeadLetterExchange() {
        fx.vhost().declareExchange(new io.tributary.exchanges.ExchangeDefinition("/", "dlx", "fanout", false, false, false, null))
                .join();
        fx.declare("left", false, null);
        fx.declare("right", false, null);
        fx.vhost().bind(new Binding("dlx", DestinationId.queue("left"), "", null)).join();
        fx.vhost().bind(new Binding("dlx", DestinationId.queue("right"), "", null)).join();
        Queue q = fx.declare("src", false, Map.of("x-dead-letter-exchange", "dlx"));
        q.accept(msg("x"));
        GetResult r = q.get(true).join();
        q.reject(List.of(r.entry()));
        assertThat(drain(fx.queue("left"))).containsExactly("x");
        assertThat(drain(fx.queue("right"))).containsExactly("x");
        assertThat(q.stats().join()).isEqualTo(new QueueStats(0, 0, 0));
    }
}
