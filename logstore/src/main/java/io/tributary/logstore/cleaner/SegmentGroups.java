package io.tributary.logstore.cleaner;

import io.tributary.logstore.segment.LogSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the segments a cleaning rewrites into runs that each become one compacted segment: at most
 * {@code segment.bytes} of input, and an offset range that fits a segment's 32-bit relative offsets
 * (Kafka's {@code groupSegmentsBySize}). Compaction shrinks logs, so without merging, a compacted log
 * would keep every small segment it ever had.
 */
final class SegmentGroups {
    private SegmentGroups() {
    }

    /**
     * The runs to rewrite: every segment that starts below {@code end} and lies wholly below
     * {@code cleanableEnd}, from the first segment on.
     */
    static List<List<LogSegment>> forRewrite(CleaningView view, long end, long cleanableEnd) {
        List<LogSegment> segments = view.segments();
        long maxBytes = view.config().segmentBytes();
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size() - 1 && segments.get(i).baseOffset() < end && view.nextBaseOffset(i) <= cleanableEnd) {
            List<LogSegment> group = new ArrayList<>();
            LogSegment first = segments.get(i);
            long bytes = 0;
            while (i < segments.size() - 1 && segments.get(i).baseOffset() < end && view.nextBaseOffset(i) <= cleanableEnd
                    && (group.isEmpty() || fits(bytes + segments.get(i).size(), view.nextBaseOffset(i) - 1 - first.baseOffset(), maxBytes))) {
                bytes += segments.get(i).size();
                group.add(segments.get(i));
                i++;
            }
            groups.add(group);
        }
        return groups;
    }

    private static boolean fits(long bytes, long offsetSpan, long maxBytes) {
        return bytes <= maxBytes && offsetSpan <= Integer.MAX_VALUE;
    }
}
