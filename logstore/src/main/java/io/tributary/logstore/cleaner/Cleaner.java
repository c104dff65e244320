package io.tributary.logstore.cleaner;

import io.tributary.logstore.AbortedTxn;
import io.tributary.logstore.record.BatchCompactor;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.RecordBatchFormat;
import io.tributary.logstore.record.RecordKeyScanner;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.SegmentSwap;
import io.tributary.logstore.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Compacts one log (Kafka's {@code Cleaner}): maps every key of the dirty part to its latest offset,
 * then rewrites every segment from the log start up to where the map ends, in groups of at most
 * {@code segment.bytes}, keeping a record only when no later record has its key, and a tombstone only
 * until its delete horizon. Each group's copy is swapped in crash-safely before the next is written.
 *
 * <p>Batches are kept as Kafka's cleaner keeps them: offsets are preserved (leaving gaps); a
 * producer's last data batch survives, emptied if need be, so its sequence and epoch survive a
 * restart. Transactions are handled as Kafka's cleaner handles them: the records of aborted
 * transactions are dropped and never supersede anything (they are left out of the key map), committed
 * transactional records are compacted like any others, and control batches (the markers) are kept,
 * each abort marker with its entry of the transaction index, which moves into the cleaned segment.
 *
 * <p>Not thread-safe: one per cleaner thread, owning that thread's {@link OffsetMap}.
 */
final class Cleaner {
    /** Thrown between batches when the cleaner is shutting down. */
    static final class StoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("the log cleaner is stopping", null, false, false);
        }
    }

    private final OffsetMap map;
    private final Time time;
    private final BooleanSupplier stopping;
    private final SegmentSwap.Listener swapListener;
    private final BatchCompactor compactor = new BatchCompactor();
    private final RecordKeyScanner keys = new RecordKeyScanner();
    /** The aborted transactions of the log being cleaned. */
    private AbortedBatches aborted;

    Cleaner(OffsetMap map, Time time, BooleanSupplier stopping, SegmentSwap.Listener swapListener) {
        this.map = map;
        this.time = time;
        this.stopping = stopping;
        this.swapListener = swapListener;
    }

    CleanResult clean(CleanableLog log, CleaningView view, CleanableRange range) throws IOException {
        long now = time.milliseconds();
        map.clear();
        aborted = AbortedBatches.of(view.segments());
        long end = buildOffsetMap(view, range);
        Tally tally = new Tally();
        List<List<LogSegment>> groups = SegmentGroups.forRewrite(view, end, range.cleanableEnd());
        for (List<LogSegment> group : groups) {
            if (!rewrite(log, view, group, now, tally)) {
                return CleanResult.abortedAfter(tally.segments);
            }
        }
        return new CleanResult(end, tally.horizon, tally.segments, tally.bytesRead, tally.bytesWritten, tally.recordsRead,
                tally.recordsKept, false);
    }

    /**
     * Maps the keys of the dirty part, batch by batch, until the map would be full.
     *
     * @return the offset where the mapped part ends (the next first dirty offset)
     */
    private long buildOffsetMap(CleaningView view, CleanableRange range) throws IOException {
        long firstDirty = range.firstDirtyOffset();
        List<LogSegment> segments = view.segments();
        for (int i = 0; i < segments.size() - 1 && view.nextBaseOffset(i) <= range.cleanableEnd(); i++) {
            if (view.nextBaseOffset(i) <= firstDirty) {
                continue;
            }
            for (BatchHeader b : segments.get(i).batchesFrom(firstDirty)) {
                checkNotStopping();
                if (b.lastOffset() < firstDirty || b.isControl() || aborted.isAborted(b)) {
                    continue;
                }
                if (!map.hasRoomFor(b.recordCount())) {
                    if (map.size() == 0) {
                        throw new IllegalStateException("the batch at offset " + b.baseOffset() + " has " + b.recordCount()
                                + " records, more than the dedupe buffer's " + map.capacity() + " entries per cleaner thread"
                                + " (raise log.cleaner.dedupe.buffer.size)");
                    }
                    return Math.max(firstDirty, b.baseOffset());
                }
                keys.forEachKey(segments.get(i).readBatch(b), firstDirty, (offset, key) -> map.put(key, offset));
            }
        }
        return Math.max(firstDirty, range.cleanableEnd());
    }

    /** Writes the compacted copy of one group and swaps it in; false when the log changed meanwhile. */
    private boolean rewrite(CleanableLog log, CleaningView view, List<LogSegment> group, long now, Tally tally) throws IOException {
        LogSegment cleaned = log.createCleanedSegment(group.get(0).baseOffset());
        boolean swapped = false;
        boolean committed = false;
        try {
            LogSegment last = group.get(group.size() - 1);
            long lastBatchPosition = last.lastBatch().map(BatchHeader::position).orElse(-1L);
            long deleteRetentionMs = view.config().deleteRetentionMs();
            for (LogSegment s : group) {
                tally.bytesRead += s.size();
                for (BatchHeader b : s.batches()) {
                    checkNotStopping();
                    boolean lastOfGroup = s == last && b.position() == lastBatchPosition;
                    copyBatch(cleaned, s, b, lastOfGroup, view, now, deleteRetentionMs, tally);
                }
            }
            cleaned.onBecomeInactive();
            cleaned.flush();
            tally.bytesWritten += cleaned.size();
            swapped = log.swapIn(cleaned, group, view, swapListener);
            tally.segments += swapped ? group.size() : 0;
            return swapped;
        } catch (SegmentSwap.CommittedSwapException e) {
            committed = true; // the .swap files are what a restart completes the swap from
            throw e;
        } finally {
            if (!swapped && !committed) {
                cleaned.deleteFiles();
            }
        }
    }

    private void copyBatch(LogSegment cleaned, LogSegment from, BatchHeader b, boolean lastOfGroup, CleaningView view, long now,
            long deleteRetentionMs, Tally tally) throws IOException {
        ByteBuffer batch = from.readBatch(b);
        tally.recordsRead += b.recordCount();
        if (b.isControl()) {
            cleaned.append(batch);
            Optional<AbortedTxn> ended = aborted.endedBy(b);
            if (ended.isPresent()) { // read_committed fetches of the cleaned segment still learn of the abort
                cleaned.txnIndex().append(ended.get());
            }
            tally.recordsKept += b.recordCount();
            return;
        }
        Long producerLast = b.hasProducerId() ? view.producerLastDataOffsets().get(b.producerId()) : null;
        boolean keepIfEmpty = lastOfGroup || (producerLast != null && producerLast == b.lastOffset());
        BatchCompactor.RecordRetention retention = aborted.isAborted(b) ? (offset, key, tombstone, horizon) -> false
                : (offset, key, tombstone, horizon) -> retain(offset, key, tombstone, horizon, now);
        BatchCompactor.Result r = compactor.compact(batch, keepIfEmpty, now, deleteRetentionMs, retention);
        if (!r.isEmpty()) {
            cleaned.append(r.output());
        }
        tally.recordsKept += r.recordsRetained();
        tally.horizon = Math.min(tally.horizon, r.earliestTombstoneHorizon());
    }

    /** Kafka's rule: keyed, not superseded by a later record of its key, and not a tombstone past its horizon. */
    private boolean retain(long offset, ByteBuffer key, boolean tombstone, long deleteHorizonMs, long now) {
        if (key == null) {
            return false;
        }
        if (map.get(key) > offset) {
            return false;
        }
        return !tombstone || deleteHorizonMs == RecordBatchFormat.NO_TIMESTAMP || now < deleteHorizonMs;
    }

    private void checkNotStopping() {
        if (stopping.getAsBoolean()) {
            throw new StoppedException();
        }
    }

    /** Running totals of one cleaning. */
    private static final class Tally {
        int segments;
        long bytesRead;
        long bytesWritten;
        long recordsRead;
        long recordsKept;
        long horizon = Long.MAX_VALUE;
    }
}
