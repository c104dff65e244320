package io.tributary.logstore.producer;

import io.tributary.logstore.AbortedTxn;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.ControlMarkers;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.LogSegments;
import java.io.IOException;

/**
 * Rebuilds a partition's producer state for the log {@code [logStartOffset, logEndOffset)}: from the
 * newest usable snapshot, then the batch headers after it (no CRC check: the batches are valid or
 * recovery cut them).
 */
public final class ProducerStateLoader {
    private ProducerStateLoader() {
    }

    public static void rebuild(ProducerSnapshots snapshots, LogSegments segments, ProducerStateManager producers, long logStartOffset,
            long logEndOffset) throws IOException {
        snapshots.deleteAbove(logEndOffset);
        long from = snapshots.loadLatest(producers, logStartOffset, logEndOffset).orElse(-1L);
        if (from < 0) {
            producers.reset(logStartOffset);
            from = logStartOffset;
        } else {
            producers.truncateFromStart(logStartOffset);
        }
        if (from >= logEndOffset) {
            return;
        }
        for (LogSegment s : segments.range(from, logEndOffset)) {
            for (BatchHeader b : s.batchesFrom(from)) {
                if (b.baseOffset() >= from && b.lastOffset() >= logStartOffset) {
                    CompletedTxn completed = producers.update(b, b.maxTimestamp());
                    if (completed != null && ControlMarkers.isAbort(s.readBatch(b))) {
                        // Recovery may have rebuilt this segment: make sure the abort is indexed (a no-op when it is).
                        long lso = producers.firstUnstableOffset().orElse(completed.markerOffset() + 1);
                        s.txnIndex().append(new AbortedTxn(completed.producerId(), completed.firstOffset(), completed.markerOffset(), lso));
                    }
                }
            }
        }
    }
}
