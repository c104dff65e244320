package io.tributary.server.testing.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker must catch each anomaly it claims to, or the crash tests that rely on it prove nothing. */
class HistoryCheckerTest {
    private final WriteHistory history = new WriteHistory();

    private void ack(String value, int partition, long offset) {
        history.sent(value);
        history.acked(value, partition, offset);
    }

    @Test
    void aFaithfulLogIsValid() {
        ack("a-0", 0, 0);
        ack("a-1", 0, 1);
        history.sent("a-2");
        history.failed("a-2");
        history.observed(0, 0, "a-0");
        history.observed(0, 1, "a-1");
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(0, 0, "a-0"), new LogRecord(0, 1, "a-1")), true);
        assertThat(r.valid()).as(r.toString()).isTrue();
        assertThat(r.acked()).isEqualTo(2);
        assertThat(r.unknown()).isEqualTo(1);
        assertThat(r.unknownPresent()).isZero();
    }

    @Test
    void anAcknowledgedWriteMissingFromTheLogIsLost() {
        ack("a-0", 0, 0);
        ack("a-1", 0, 1);
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(0, 0, "a-0")));
        assertThat(r.valid()).isFalse();
        assertThat(r.lost()).containsExactly("a-1@0:1");
    }

    @Test
    void aRetriedWriteStoredTwiceIsDuplicated() {
        ack("a-0", 0, 0);
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(0, 0, "a-0"), new LogRecord(0, 1, "a-0")));
        assertThat(r.duplicated()).containsExactly("a-0 x2");
    }

    @Test
    void aWriteAtAnotherOffsetThanAcknowledgedMoved() {
        ack("a-0", 0, 5);
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(0, 0, "a-0")));
        assertThat(r.moved()).hasSize(1);
        assertThat(r.lost()).isEmpty();
    }

    @Test
    void aWritersRecordsOutOfSendOrderAreReordered() {
        ack("a-1", 0, 0);
        ack("a-0", 0, 1);
        ack("b-0", 0, 2);
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(0, 0, "a-1"), new LogRecord(0, 1, "a-0"),
                new LogRecord(0, 2, "b-0")));
        assertThat(r.reordered()).containsExactly("a-1@0 before a-0@1");
    }

    @Test
    void recordsNoOneWroteArePhantoms() {
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(1, 7, "z-0")));
        assertThat(r.phantoms()).containsExactly("z-0@1:7");
    }

    @Test
    void aReadThatDiffersFromTheLogDiverged() {
        ack("a-0", 0, 0);
        history.observed(0, 0, "a-9");
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(0, 0, "a-0")));
        assertThat(r.divergentReads()).containsExactly("0:0 read a-9, log has a-0");
    }

    @Test
    void recordsNoConsumerSawAreUnreadWhenEverythingShouldHaveBeenRead() {
        ack("a-0", 0, 0);
        ack("a-1", 0, 1);
        history.observed(0, 0, "a-0");
        List<LogRecord> log = List.of(new LogRecord(0, 0, "a-0"), new LogRecord(0, 1, "a-1"));
        assertThat(HistoryChecker.check(history, log).valid()).isTrue();
        assertThat(HistoryChecker.check(history, log, true).unread()).containsExactly("a-1@0:1");
    }

    @Test
    void anUnknownWriteMayBePresentOnce() {
        history.sent("a-0");
        history.failed("a-0");
        HistoryReport r = HistoryChecker.check(history, List.of(new LogRecord(0, 0, "a-0")));
        assertThat(r.valid()).isTrue();
        assertThat(r.unknownPresent()).isEqualTo(1);
    }
}
