package io.tributary.logstore;

import io.tributary.logstore.cleaner.CleanableLog;
import io.tributary.logstore.cleaner.CleaningView;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.SegmentSwap;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link PartitionLog} as the log cleaner sees it: its state under its lock, and the swap of
 * compacted segments under the same lock, checked against truncation, retention and deletion that
 * happened while the cleaner worked. Kept apart from {@link PartitionLog} so that class stays about
 * appends, reads and offsets.
 */
final class CleanablePartitionLog implements CleanableLog {
    private final PartitionLog log;

    CleanablePartitionLog(PartitionLog log) {
        this.log = log;
    }

    @Override
    public TopicPartition topicPartition() {
        return log.topicPartition();
    }

    @Override
    public Optional<CleaningView> viewForCleaning() {
        ReentrantLock lock = log.lock();
        lock.lock();
        try {
            if (log.isFailed()) {
                return Optional.empty();
            }
            LocalLog local = log.localLog();
            long uncleanable = Math.min(log.lastStableOffset(), log.recoveryPoint());
            return Optional.of(new CleaningView(log.config(), List.copyOf(local.segments().all()), log.logStartOffset(), local.logEndOffset(),
                    uncleanable, log.producerLastDataOffsets(), log.truncationCount()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LogSegment createCleanedSegment(long baseOffset) throws IOException {
        return log.localLog().createCleanedSegment(baseOffset);
    }

    @Override
    public boolean swapIn(LogSegment cleaned, List<LogSegment> replaced, CleaningView view, SegmentSwap.Listener listener)
            throws IOException {
        ReentrantLock lock = log.lock();
        lock.lock();
        try {
            LocalLog local = log.localLog();
            if (log.isFailed() || log.truncationCount() != view.generation() || !local.holdsInactive(replaced)) {
                return false;
            }
            try {
                local.replaceSegments(cleaned, replaced, log.config().fileDeleteDelayMs(), listener);
            } catch (SegmentSwap.CommittedSwapException e) {
                log.poison(e);
                throw e;
            }
            LogSegment last = replaced.get(replaced.size() - 1);
            log.refreshHighWatermarkPosition(cleaned.baseOffset(), last.baseOffset() + 1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean changedSince(CleaningView view) {
        ReentrantLock lock = log.lock();
        lock.lock();
        try {
            List<LogSegment> inactive = view.segments().subList(0, view.segments().size() - 1);
            return log.isFailed() || log.truncationCount() != view.generation() || !log.localLog().holdsInactive(inactive);
        } finally {
            lock.unlock();
        }
    }
}
