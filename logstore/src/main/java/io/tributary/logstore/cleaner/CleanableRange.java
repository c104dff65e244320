package io.tributary.logstore.cleaner;

import io.tributary.logstore.LogConfig;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.segment.LogSegment;
import java.io.IOException;
import java.util.List;

/**
 * The part of a log one cleaning may compact, and how dirty it is (Kafka's {@code LogToClean}).
 * Offsets below {@code firstDirtyOffset} were compacted before; the dirty part runs from there up
 * to {@code cleanableEnd}, which is always a segment boundary at or below the active segment, the
 * last stable offset, the recovery point and the first segment younger than
 * {@code min.compaction.lag.ms}. Only whole segments below {@code cleanableEnd} are ever rewritten,
 * so positions that readers hold in newer segments stay valid.
 *
 * @param cleanBytes bytes of the segments entirely below {@code firstDirtyOffset}
 * @param dirtyBytes bytes of the segments between {@code firstDirtyOffset} and {@code cleanableEnd}
 * @param overdue the oldest dirty record is older than {@code max.compaction.lag.ms}: clean whatever the ratio
 */
public record CleanableRange(long firstDirtyOffset, long cleanableEnd, long cleanBytes, long dirtyBytes, boolean overdue) {
    /** Dirty bytes over all bytes up to {@code cleanableEnd} ({@code min.cleanable.dirty.ratio} compares with it). */
    public double dirtyRatio() {
        long total = cleanBytes + dirtyBytes;
        return total == 0 ? 0 : (double) dirtyBytes / total;
    }

    /**
     * @param checkpoint the cleaner's checkpoint for this log (where the last cleaning stopped), -1 when none;
     *     one outside the log's offsets (truncation, DeleteRecords) restarts at the log start
     */
    public static CleanableRange of(CleaningView v, long checkpoint, long nowMs) throws IOException {
        List<LogSegment> segments = v.segments();
        int active = segments.size() - 1;
        long firstDirty = checkpoint < v.logStartOffset() || checkpoint > v.logEndOffset() ? v.logStartOffset() : checkpoint;
        long bound = Math.min(v.uncleanableOffset(), v.activeSegment().baseOffset());
        LogConfig cfg = v.config();
        for (int i = 0; i < active && cfg.minCompactionLagMs() > 0; i++) {
            if (v.nextBaseOffset(i) > firstDirty && segments.get(i).largestTimestamp() > nowMs - cfg.minCompactionLagMs()) {
                bound = Math.min(bound, segments.get(i).baseOffset());
                break;
            }
        }
        long cleanableEnd = segments.get(0).baseOffset();
        long cleanBytes = 0;
        long dirtyBytes = 0;
        int firstDirtySegment = -1;
        for (int i = 0; i < active && v.nextBaseOffset(i) <= bound; i++) {
            cleanableEnd = v.nextBaseOffset(i);
            if (cleanableEnd <= firstDirty) {
                cleanBytes += segments.get(i).size();
            } else {
                dirtyBytes += segments.get(i).size();
                firstDirtySegment = firstDirtySegment < 0 ? i : firstDirtySegment;
            }
        }
        boolean overdue = firstDirtySegment >= 0 && isOlderThan(segments.get(firstDirtySegment), cfg.maxCompactionLagMs(), nowMs);
        return new CleanableRange(firstDirty, cleanableEnd, cleanBytes, dirtyBytes, overdue);
    }

    /** Kafka's test: the first batch's timestamp of the first dirty segment against {@code max.compaction.lag.ms}. */
    private static boolean isOlderThan(LogSegment s, long maxLagMs, long nowMs) {
        if (maxLagMs >= nowMs) {
            return false;
        }
        for (BatchHeader b : s.batches()) {
            return b.maxTimestamp() >= 0 && b.maxTimestamp() < nowMs - maxLagMs;
        }
        return false;
    }
}
