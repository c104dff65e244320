package io.tributary.logstore.cleaner;

import io.tributary.logstore.LogConfig;
import io.tributary.logstore.segment.LogSegment;
import java.util.List;
import java.util.Map;

/**
 * A log as one cleaning sees it, taken under the log's lock.
 *
 * @param segments every segment in offset order, the active one last
 * @param uncleanableOffset nothing at or above this may be cleaned: the lower of the last stable
 *     offset (open transactions, the high watermark) and the recovery point (unflushed data)
 * @param producerLastDataOffsets for each producer with state, the last offset of its last data
 *     batch: that batch must stay (possibly emptied) so that its sequence survives recovery
 * @param generation changes whenever the log is truncated; a swap checks it
 */
public record CleaningView(LogConfig config, List<LogSegment> segments, long logStartOffset, long logEndOffset, long uncleanableOffset,
        Map<Long, Long> producerLastDataOffsets, long generation) {
    public LogSegment activeSegment() {
        return segments.get(segments.size() - 1);
    }

    /** The base offset of the segment after {@code index}, or the log end offset after the last. */
    public long nextBaseOffset(int index) {
        return index + 1 < segments.size() ? segments.get(index + 1).baseOffset() : logEndOffset;
    }
}
