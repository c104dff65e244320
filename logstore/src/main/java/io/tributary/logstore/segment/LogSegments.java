package io.tributary.logstore.segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The segments of one log, ordered by base offset. Readers iterate without locks; the log's writer
 * adds and removes segments under the log's lock.
 */
public final class LogSegments {
    private final ConcurrentNavigableMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();

    public void add(LogSegment segment) {
        segments.put(segment.baseOffset(), segment);
    }

    public void remove(long baseOffset) {
        segments.remove(baseOffset);
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    public int size() {
        return segments.size();
    }

    public LogSegment first() {
        Map.Entry<Long, LogSegment> e = segments.firstEntry();
        return e == null ? null : e.getValue();
    }

    /** The last segment: the active one. */
    public LogSegment last() {
        Map.Entry<Long, LogSegment> e = segments.lastEntry();
        return e == null ? null : e.getValue();
    }

    public Optional<LogSegment> get(long baseOffset) {
        return Optional.ofNullable(segments.get(baseOffset));
    }

    /** The segment that would hold {@code offset}: the one with the largest base offset at most {@code offset}. */
    public Optional<LogSegment> floor(long offset) {
        Map.Entry<Long, LogSegment> e = segments.floorEntry(offset);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** The segment after the one starting at {@code baseOffset}. */
    public Optional<LogSegment> higher(long baseOffset) {
        Map.Entry<Long, LogSegment> e = segments.higherEntry(baseOffset);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** Segments in order. */
    public Collection<LogSegment> all() {
        return segments.values();
    }

    /** Segments that may hold offsets in {@code [from, to)}: from the floor of {@code from}. */
    public List<LogSegment> range(long from, long to) {
        List<LogSegment> out = new ArrayList<>();
        Long start = segments.floorKey(from);
        for (LogSegment s : segments.tailMap(start == null ? Long.MIN_VALUE : start, true).values()) {
            if (s.baseOffset() >= to && s.baseOffset() > from) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /** Total bytes of all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment s : segments.values()) {
            total += s.size();
        }
        return total;
    }
}
