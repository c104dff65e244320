package io.tributary.logstore.cleaner;

/**
 * What one cleaning of a log did.
 *
 * @param endOffset offsets below this are now compacted: the next cleaning's first dirty offset
 * @param earliestTombstoneHorizon when the oldest tombstone kept may go (a later cleaning removes it),
 *     {@link Long#MAX_VALUE} when none was kept
 * @param aborted true when the log changed (truncation, deletion, retention) or the cleaner stopped
 *     before every segment group was swapped in; nothing is checkpointed then
 */
public record CleanResult(long endOffset, long earliestTombstoneHorizon, int segmentsRewritten, long bytesRead, long bytesWritten,
        long recordsRead, long recordsKept, boolean aborted) {
    static CleanResult abortedAfter(int segments) {
        return new CleanResult(-1, Long.MAX_VALUE, segments, 0, 0, 0, 0, true);
    }
}
