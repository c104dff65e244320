package io.tributary.logstore.property;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The stateful property of the log (in the manner of RabbitMQ's {@code classic_queue_prop_SUITE}):
 * random sequences of appends, reads, flushes, clock moves, truncations, DeleteRecords, retention,
 * compactions, crashes (with and without a torn tail) and clean restarts, run against a real log
 * and a {@link LogModel}. After every step the log must serve exactly the model's records, at the
 * model's offsets; a crash may lose only what was never reported durable, and only a suffix of it.
 */
class LogStateMachineTest {
    /** One step. */
    sealed interface Op permits Append, Flush, Read, Advance, Truncate, DeleteRecords, Retention, Compact, Crash, Reopen {
        void apply(LogHarness h) throws Exception;
    }

    record Append(int count, long seed, boolean compressed) implements Op {
        public void apply(LogHarness h) {
            h.append(count, seed, compressed);
        }
    }

    record Flush() implements Op {
        public void apply(LogHarness h) {
            h.flush();
        }
    }

    record Read(double where, int maxBytes, boolean toHighWatermark) implements Op {
        public void apply(LogHarness h) {
            h.read(where, maxBytes, toHighWatermark);
        }
    }

    record Advance(long ms) implements Op {
        public void apply(LogHarness h) {
            h.advanceTime(ms);
        }
    }

    record Truncate(double where) implements Op {
        public void apply(LogHarness h) {
            h.truncate(where);
        }
    }

    record DeleteRecords(double where) implements Op {
        public void apply(LogHarness h) {
            h.deleteRecords(where);
        }
    }

    record Retention() implements Op {
        public void apply(LogHarness h) {
            h.deleteOldSegments();
        }
    }

    record Compact() implements Op {
        public void apply(LogHarness h) throws Exception {
            h.compact();
        }
    }

    record Crash(boolean tear, double where) implements Op {
        public void apply(LogHarness h) throws Exception {
            h.crash(tear, where);
        }
    }

    record Reopen() implements Op {
        public void apply(LogHarness h) {
            h.reopen();
        }
    }

    @Property(tries = 60)
    void theLogServesWhatTheModelSaysThroughCrashesAndCompaction(@ForAll("operations") List<Op> ops) throws Exception {
        try (LogHarness h = new LogHarness()) {
            for (Op op : ops) {
                op.apply(h);
                h.check();
            }
            Statistics.label("compaction removed records").collect(h.model.compactedAway > 0);
            Statistics.label("tombstones expired").collect(h.model.expiredTombstones > 0);
            Statistics.label("crashes").collect(ops.stream().filter(o -> o instanceof Crash).count() > 0);
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.longs(), Arbitraries.of(false, false, true))
                .as(Append::new);
        Arbitrary<Op> read = Combinators.combine(where, Arbitraries.of(1, 200, 100_000), Arbitraries.of(false, true)).as(Read::new);
        Arbitrary<Op> advance = Arbitraries.of(1L, 300L, 1_000L, 1_000L, 2_500L).map(Advance::new);
        Arbitrary<Op> crash = Combinators.combine(Arbitraries.of(false, true), where).as(Crash::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(14, append),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Flush())),
                net.jqwik.api.Tuple.of(3, read),
                net.jqwik.api.Tuple.of(4, advance),
                net.jqwik.api.Tuple.of(1, where.map(Truncate::new)),
                net.jqwik.api.Tuple.of(1, where.map(DeleteRecords::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Retention())),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(new Compact())),
                net.jqwik.api.Tuple.of(2, crash),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())))
                .list().ofMinSize(20).ofMaxSize(80);
    }
}
