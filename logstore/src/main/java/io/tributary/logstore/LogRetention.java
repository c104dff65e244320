package io.tributary.logstore;

import io.tributary.logstore.retention.RetentionPolicy;
import io.tributary.logstore.segment.LogSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a {@link PartitionLog}'s start offset moves forward: DeleteRecords, and retention deleting
 * whole segments (past {@code retention.ms} or {@code retention.bytes}, or below the log start).
 * Runs under the log's lock; kept apart from {@link PartitionLog} so that class stays about appends,
 * reads and offsets.
 */
final class LogRetention {
    private final PartitionLog log;

    LogRetention(PartitionLog log) {
        this.log = log;
    }

    /** See {@link PartitionLog#deleteRecordsBefore}. */
    CompletableFuture<Long> deleteRecordsBefore(long offset) {
        long newStart;
        ReentrantLock lock = log.lock();
        lock.lock();
        try {
            log.checkUsable();
            long hw = log.highWatermark();
            long target = offset == -1 ? hw : offset;
            if (target < 0 || target > hw) {
                throw new OffsetOutOfRangeException("delete records before", target, log.logStartOffset(), hw);
            }
            log.moveLogStartOffset(target);
            newStart = log.logStartOffset();
        } finally {
            lock.unlock();
        }
        LogEnvironment env = log.env();
        env.scheduler().scheduleOnce("delete-segments-below-start-" + log.topicPartition(), log::deleteSegmentsBelowLogStart, 0);
        return env.logStartOffsetCheckpoint().apply(log).thenApply(v -> newStart);
    }

    /**
     * Deletes the oldest segments that retention (when {@code applyRetention} and {@code cleanup.policy}
     * includes delete) or the log start offset allows, and moves the log start to the first remaining one.
     *
     * @return the number of segments deleted
     */
    int deleteOldSegments(boolean applyRetention) {
        boolean startMoved;
        int deleted;
        ReentrantLock lock = log.lock();
        lock.lock();
        try {
            if (log.isFailed()) {
                return 0;
            }
            LogConfig cfg = log.config();
            LocalLog local = log.localLog();
            List<LogSegment> all = new ArrayList<>(local.segments().all());
            RetentionPolicy.Decision d = RetentionPolicy.decide(new RetentionPolicy.Input(all, local.logEndOffset(), log.highWatermark(),
                    log.logStartOffset(), applyRetention && cfg.delete(), cfg.retentionMs(), cfg.retentionBytes(),
                    log.env().time().milliseconds()));
            if (d.isEmpty()) {
                return 0;
            }
            if (d.includesActive(all)) {
                local.roll();
                log.durability().forceFlush();
            }
            local.removeAndDeleteSegments(d.deletable(), cfg.fileDeleteDelayMs(), d.reason());
            deleted = d.deletable().size();
            startMoved = log.moveLogStartOffset(local.segments().first().baseOffset());
        } catch (IOException | UncheckedIOException e) {
            throw log.poison(e);
        } finally {
            lock.unlock();
        }
        if (startMoved) {
            log.env().logStartOffsetCheckpoint().apply(log);
        }
        if (deleted > 0) {
            log.durability().wakeFlusher();
        }
        return deleted;
    }
}
