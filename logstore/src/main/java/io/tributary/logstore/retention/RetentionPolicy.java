package io.tributary.logstore.retention;

import io.tributary.logstore.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the oldest whole segments a log may drop, as Kafka does: by age ({@code retention.ms},
 * compared with the segment's largest timestamp), by total size ({@code retention.bytes}), and
 * below the log start offset (DeleteRecords). Only segments entirely below the high watermark go,
 * and never an empty active segment; the active segment goes only when it has data and is due,
 * after the log has rolled it.
 */
public final class RetentionPolicy {
    /** The facts a decision needs. */
    public record Input(List<LogSegment> segments, long logEndOffset, long highWatermark, long logStartOffset, boolean deleteEnabled,
            long retentionMs, long retentionBytes, long nowMs) {
    }

    /** The decision: the segments to delete (a prefix of the log) and why. */
    public record Decision(List<LogSegment> deletable, String reason) {
        public boolean isEmpty() {
            return deletable.isEmpty();
        }

        /** True when the active (last) segment is among them: the log must roll first. */
        public boolean includesActive(List<LogSegment> all) {
            return !deletable.isEmpty() && deletable.get(deletable.size() - 1) == all.get(all.size() - 1);
        }
    }

    private RetentionPolicy() {
    }

    public static Decision decide(Input in) throws IOException {
        List<LogSegment> byStart = prefix(in, (s, next) -> next <= in.logStartOffset());
        if (!byStart.isEmpty()) {
            return new Decision(byStart, "below the log start offset " + in.logStartOffset());
        }
        if (!in.deleteEnabled()) {
            return new Decision(List.of(), "");
        }
        if (in.retentionMs() >= 0) {
            List<LogSegment> old = prefix(in, (s, next) -> in.nowMs() - s.largestTimestamp() > in.retentionMs());
            if (!old.isEmpty()) {
                return new Decision(old, "older than retention.ms=" + in.retentionMs());
            }
        }
        if (in.retentionBytes() >= 0) {
            long total = 0;
            for (LogSegment s : in.segments()) {
                total += s.size();
            }
            long[] excess = {total - in.retentionBytes()};
            List<LogSegment> big = prefix(in, (s, next) -> {
                if (excess[0] - s.size() >= 0) {
                    excess[0] -= s.size();
                    return true;
                }
                return false;
            });
            if (!big.isEmpty()) {
                return new Decision(big, "log larger than retention.bytes=" + in.retentionBytes());
            }
        }
        return new Decision(List.of(), "");
    }

    private interface Predicate {
        boolean test(LogSegment segment, long nextBaseOffset) throws IOException;
    }

    /** The longest prefix of segments that satisfy {@code p} and lie below the high watermark. */
    private static List<LogSegment> prefix(Input in, Predicate p) throws IOException {
        List<LogSegment> out = new ArrayList<>();
        List<LogSegment> all = in.segments();
        for (int i = 0; i < all.size(); i++) {
            LogSegment s = all.get(i);
            boolean last = i == all.size() - 1;
            long next = last ? in.logEndOffset() : all.get(i + 1).baseOffset();
            if (last && s.size() == 0) {
                break;
            }
            if (next > in.highWatermark() || !p.test(s, next)) {
                break;
            }
            out.add(s);
        }
        return out;
    }
}
