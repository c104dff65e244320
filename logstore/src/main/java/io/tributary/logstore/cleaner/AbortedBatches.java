package io.tributary.logstore.cleaner;

import io.tributary.logstore.AbortedTxn;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aborted transactions of a log, read from every segment's transaction index, so a cleaning
 * can tell aborted transactional batches (whose records it drops, as Kafka's cleaner does) from
 * committed ones (compacted like any other records). A producer has at most one transaction open
 * at a time, so a transactional batch is aborted exactly when an aborted transaction of its
 * producer spans its base offset. Everything a cleaning reads lies below the last stable offset,
 * so every transaction there has its marker, and an aborted one its index entry.
 */
final class AbortedBatches {
    private final Map<Long, List<AbortedTxn>> byProducer = new HashMap<>();

    private AbortedBatches() {
    }

    static AbortedBatches of(List<LogSegment> segments) throws IOException {
        AbortedBatches a = new AbortedBatches();
        for (LogSegment s : segments) {
            for (AbortedTxn t : s.txnIndex().all()) {
                a.byProducer.computeIfAbsent(t.producerId(), p -> new ArrayList<>()).add(t);
            }
        }
        return a;
    }

    /** True for a transactional data batch of an aborted transaction. */
    boolean isAborted(BatchHeader b) {
        if (!b.isTransactional() || b.isControl()) {
            return false;
        }
        for (AbortedTxn t : byProducer.getOrDefault(b.producerId(), List.of())) {
            if (t.covers(b.producerId(), b.baseOffset())) {
                return true;
            }
        }
        return false;
    }

    /** The aborted transaction whose abort marker is the control batch {@code marker}, if it is one. */
    Optional<AbortedTxn> endedBy(BatchHeader marker) {
        for (AbortedTxn t : byProducer.getOrDefault(marker.producerId(), List.of())) {
            if (t.lastOffset() == marker.baseOffset()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
