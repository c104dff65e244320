package io.tributary.logstore.cleaner;

import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.SegmentSwap;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What the cleaner needs of a log; the partition log implements it, and owns the lock it implies. */
public interface CleanableLog {
    TopicPartition topicPartition();

    /** The log's state for one cleaning, read under its lock; empty when the log is closed or failed. */
    Optional<CleaningView> viewForCleaning();

    /** A new empty {@code .cleaned} segment at {@code baseOffset}, replacing leftovers of an earlier attempt. */
    LogSegment createCleanedSegment(long baseOffset) throws IOException;

    /**
     * Under the log's lock: swaps {@code cleaned} in for {@code replaced} ({@link SegmentSwap}) unless
     * the log changed since {@code view} in a way that touches them (truncated, segments deleted,
     * closed). A failure after the swap's commit point poisons the log; a restart completes the swap.
     *
     * @return false when nothing was swapped; the caller deletes {@code cleaned}
     */
    boolean swapIn(LogSegment cleaned, List<LogSegment> replaced, CleaningView view, SegmentSwap.Listener listener) throws IOException;

    /**
     * True when the log was closed, failed, truncated or lost segments since {@code view}: a cleaning
     * that failed then was overtaken (files it read went away), not broken.
     */
    boolean changedSince(CleaningView view);
}
