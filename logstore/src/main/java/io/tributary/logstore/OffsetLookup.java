package io.tributary.logstore;

import io.tributary.logstore.epoch.LeaderEpochCache;
import io.tributary.logstore.record.CompressedRecords;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.LogSegments;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ListOffsets over a log's segments: by timestamp through the time indexes, and the special
 * timestamps (earliest, latest, max timestamp). Reads only; runs on the caller's thread.
 */
final class OffsetLookup {
    private final LogSegments segments;
    private final LeaderEpochCache epochs;
    private final long logStartOffset;

    OffsetLookup(LogSegments segments, LeaderEpochCache epochs, long logStartOffset) {
        this.segments = segments;
        this.epochs = epochs;
        this.logStartOffset = logStartOffset;
    }

    /** See {@link PartitionLog#fetchOffsetByTimestamp}; {@code bound} is the first offset not to answer. */
    Optional<TimestampAndOffset> byTimestamp(long timestamp, long bound) throws IOException {
        if (timestamp == TimestampAndOffset.EARLIEST_TIMESTAMP || timestamp == TimestampAndOffset.EARLIEST_LOCAL_TIMESTAMP) {
            return Optional.of(new TimestampAndOffset(-1, logStartOffset, epochs.epochForOffset(logStartOffset)));
        }
        if (timestamp == TimestampAndOffset.LATEST_TIMESTAMP) {
            return Optional.of(new TimestampAndOffset(-1, bound, epochs.latestEpoch()));
        }
        Optional<CompressedRecords.TimestampAndOffset> found;
        if (timestamp == TimestampAndOffset.MAX_TIMESTAMP) {
            found = maxTimestamp();
        } else if (timestamp >= 0) {
            found = firstAtOrAfter(timestamp);
        } else {
            return Optional.empty();
        }
        return found.filter(f -> f.offset() < bound && f.offset() >= logStartOffset)
                .map(f -> new TimestampAndOffset(f.timestamp(), f.offset(), epochFor(f.offset())));
    }

    private OptionalInt epochFor(long offset) {
        return epochs.epochForOffset(offset);
    }

    private Optional<CompressedRecords.TimestampAndOffset> firstAtOrAfter(long timestamp) throws IOException {
        for (LogSegment s : segments.all()) {
            if (s.maxTimestampSoFar() >= timestamp && nextBase(s) > logStartOffset) {
                Optional<CompressedRecords.TimestampAndOffset> f = s.findOffsetByTimestamp(timestamp, logStartOffset);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    private long nextBase(LogSegment s) {
        return segments.higher(s.baseOffset()).map(LogSegment::baseOffset).orElse(Long.MAX_VALUE);
    }

    private Optional<CompressedRecords.TimestampAndOffset> maxTimestamp() throws IOException {
        LogSegment best = null;
        for (LogSegment s : segments.all()) {
            if (nextBase(s) > logStartOffset && (best == null || s.maxTimestampSoFar() > best.maxTimestampSoFar())) {
                best = s;
            }
        }
        return best == null ? Optional.empty() : best.maxTimestampRecord();
    }
}
