package io.tributary.logstore.segment;

import io.tributary.logstore.time.Scheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the open segments of all logs: when more than {@code maxOpen} are open, a background task
 * closes the least recently used inactive ones down to 90% of the bound. Active segments stay open.
 * Files of an evicted segment are closed after {@code graceMs}, so zero-copy sends in flight finish.
 */
public final class SegmentHandleCache implements SegmentHandleTracker {
    private final int maxOpen;
    private final Scheduler scheduler;
    private final long graceMs;
    private final Set<LogSegment> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean evictionScheduled = new AtomicBoolean();

    public SegmentHandleCache(int maxOpen, Scheduler scheduler, long graceMs) {
        this.maxOpen = maxOpen;
        this.scheduler = scheduler;
        this.graceMs = graceMs;
    }

    @Override
    public void opened(LogSegment segment) {
        open.add(segment);
        if (open.size() > maxOpen && evictionScheduled.compareAndSet(false, true)) {
            scheduler.scheduleOnce("evict-idle-segments", this::evict, 0);
        }
    }

    @Override
    public void closed(LogSegment segment) {
        open.remove(segment);
    }

    @Override
    public void closeLater(Runnable closer) {
        scheduler.scheduleOnce("close-segment-files", closer, graceMs);
    }

    /** Open segments now. */
    public int openSegments() {
        return open.size();
    }

    /** Closes the least recently used inactive segments until at most 90% of the bound are open. */
    void evict() {
        evictionScheduled.set(false);
        int target = Math.max(1, maxOpen * 9 / 10);
        int excess = open.size() - target;
        if (excess <= 0) {
            return;
        }
        List<LogSegment> candidates = new ArrayList<>();
        for (LogSegment s : open) {
            if (!s.isActive()) {
                candidates.add(s);
            }
        }
        candidates.sort(Comparator.comparingLong(LogSegment::lastUsedNanos));
        for (LogSegment s : candidates) {
            if (excess <= 0) {
                break;
            }
            if (s.evict()) {
                open.remove(s);
                excess--;
            }
        }
    }
}
