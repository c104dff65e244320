package io.tributary.logstore;

import io.tributary.logstore.producer.CompletedTxn;
import io.tributary.logstore.producer.ProducerStateManager;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.ControlMarkers;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.LogSegments;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Aborted transactions of a log: recorded in the transaction index of the segment that holds the
 * abort marker, and collected for read_committed fetches. Called under the log's lock for writes.
 */
final class AbortedTransactions {
    private AbortedTransactions() {
    }

    /**
     * Applies batches just written (offsets assigned, in {@code records}) to the producer state, and
     * indexes the transactions their abort markers end in {@code active}.
     */
    static void applyWritten(ProducerStateManager producers, LogSegment active, ByteBuffer records, List<BatchHeader> batches)
            throws IOException {
        for (BatchHeader h : batches) {
            BatchHeader written = BatchHeader.read(records, (int) h.position(), h.position());
            CompletedTxn completed = producers.update(written, written.maxTimestamp());
            if (completed != null) {
                ByteBuffer marker = records.duplicate().limit((int) h.position() + h.sizeInBytes()).position((int) h.position());
                indexIfAborted(producers, active, completed, marker);
            }
        }
    }

    /** Indexes {@code completed} in {@code active} when {@code marker} (its control batch) is an abort. */
    private static void indexIfAborted(ProducerStateManager producers, LogSegment active, CompletedTxn completed, ByteBuffer marker)
            throws IOException {
        if (!ControlMarkers.isAbort(marker)) {
            return;
        }
        long lso = producers.firstUnstableOffset().orElse(completed.markerOffset() + 1);
        active.txnIndex().append(new AbortedTxn(completed.producerId(), completed.firstOffset(), completed.markerOffset(), lso));
    }

    /** The aborted transactions that may have records in {@code [fetchOffset, upperBound)}. */
    static List<AbortedTxn> overlapping(LogSegments segments, long fetchOffset, long upperBound) throws IOException {
        List<AbortedTxn> out = new ArrayList<>();
        for (LogSegment s : segments.range(fetchOffset, upperBound)) {
            out.addAll(s.txnIndex().overlapping(fetchOffset, upperBound));
        }
        return out;
    }
}
