package io.tributary.server.testing.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueHistoryTest {
    @Test
    void everyConfirmedMessageDeliveredIsValidAndRedeliveriesAreCountedNotFailed() {
        QueueHistory h = new QueueHistory();
        h.published("a");
        h.confirmed("a");
        h.published("b");
        h.confirmed("b");
        h.published("c"); // outcome unknown
        h.delivered("a");
        h.delivered("b");
        h.delivered("b");
        QueueHistory.Report r = h.check();
        assertThat(r.valid()).as(r.toString()).isTrue();
        assertThat(r.confirmed()).isEqualTo(2);
        assertThat(r.unknown()).isEqualTo(1);
        assertThat(r.unknownDelivered()).isZero();
        assertThat(r.redelivered()).isEqualTo(1);
    }

    @Test
    void aConfirmedMessageNeverDeliveredIsLostAndAnUnpublishedOneIsAPhantom() {
        QueueHistory h = new QueueHistory();
        h.published("a");
        h.confirmed("a");
        h.published("u");
        h.delivered("u");
        h.delivered("x");
        QueueHistory.Report r = h.check();
        assertThat(r.valid()).isFalse();
        assertThat(r.lost()).containsExactly("a");
        assertThat(r.phantoms()).containsExactly("x");
        assertThat(r.unknownDelivered()).isEqualTo(1);
        assertThat(h.undelivered()).isEqualTo(1);
    }
}
