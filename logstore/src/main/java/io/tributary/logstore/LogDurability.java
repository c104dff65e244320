package io.tributary.logstore;

import io.tributary.logstore.epoch.LeaderEpochCache;
import io.tributary.logstore.flush.DurabilityWaiters;
import io.tributary.logstore.flush.FlushPolicy;
import io.tributary.logstore.flush.FlushableLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The durability of one {@link PartitionLog}: what is fsynced (the recovery point), the flush
 * policy's state, the appends waiting to become durable, and the flush the flusher runs: an fsync
 * without the log's lock, then, under it, the publication of what became durable (recovery point,
 * durability futures, high watermark). Kept apart from {@link PartitionLog} so that class stays
 * about appends, reads and offsets (ADR 001: "confirmed" is completed by the flusher, never by the
 * writer).
 *
 * <p>Threading: the fields change under the log's lock (or, for {@link #requestFlush}, are a flag
 * any thread may raise); {@link #flush} runs on a flusher thread.
 */
final class LogDurability implements FlushableLog {
    private final PartitionLog log;
    private final LocalLog local;
    private final LeaderEpochCache epochs;
    private final HighWatermark highWatermark;
    private final LogEnvironment env;
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private volatile long recoveryPoint;
    private volatile long oldestUnflushedNanos;
    private volatile boolean flushForced;

    LogDurability(PartitionLog log, LocalLog local, LeaderEpochCache epochs, HighWatermark highWatermark, LogEnvironment env,
            long recoveryPoint) {
        this.log = log;
        this.local = local;
        this.epochs = epochs;
        this.highWatermark = highWatermark;
        this.env = env;
        this.recoveryPoint = recoveryPoint;
        if (recoveryPoint < local.logEndOffset()) {
            oldestUnflushedNanos = env.time().nanoseconds();
            flushForced = true;
        }
    }

    /** Offsets below this are fsynced. */
    long recoveryPoint() {
        return recoveryPoint;
    }

    /** The next flush flushes whatever the policy says (a segment was rolled, the log truncated). */
    void forceFlush() {
        flushForced = true;
    }

    void wakeFlusher() {
        env.flusher().wake(this);
    }

    void requestFlush() {
        flushForced = true;
        wakeFlusher();
    }

    /**
     * Under the lock, after an append that began at {@code previousEnd} was written: the flusher
     * needs to hear of the first unflushed append (it arms the {@code flush.ms} timer) and of a due
     * flush; waking it for every append of a log that is not due costs a context switch each.
     *
     * @return the future that completes when the append ending before {@code endOffset} is durable
     */
    CompletableFuture<Void> appended(long previousEnd, long endOffset) {
        if (previousEnd <= recoveryPoint) {
            oldestUnflushedNanos = env.time().nanoseconds();
        }
        return waiters.add(endOffset);
    }

    /** Under the lock, after {@link #appended}: whether the flusher must be woken for it. */
    boolean wakeNeeded(long previousEnd, LogConfig cfg) {
        return flushForced || previousEnd <= recoveryPoint || local.logEndOffset() - recoveryPoint >= cfg.flushMessages();
    }

    /** The durability of a retried duplicate whose original ended at {@code lastOffset}. Under the lock. */
    CompletableFuture<Void> duplicate(long lastOffset) {
        return lastOffset < recoveryPoint ? CompletableFuture.completedFuture(null) : waiters.add(lastOffset + 1);
    }

    /** Under the lock: the log was truncated to {@code end}; appends ending above {@code keptEnd} fail with {@code cause}. */
    void truncatedTo(long end, long keptEnd, RuntimeException cause) {
        recoveryPoint = Math.min(recoveryPoint, end);
        waiters.failAbove(keptEnd, cause);
        requestFlush();
    }

    /** Under the lock: the final flush of a close made everything below {@code end} durable. */
    void closedAt(long end) {
        recoveryPoint = end;
        waiters.completeUpTo(end);
    }

    /** Fails every waiting and later append: the log is poisoned or closed. */
    void failAll(RuntimeException cause) {
        waiters.failAll(cause);
    }

    @Override
    public long nextFlushNanos(long nowNanos) {
        if (log.isFailed()) {
            return Long.MAX_VALUE;
        }
        LogConfig cfg = log.config();
        return FlushPolicy.nextFlushNanos(local.logEndOffset() - recoveryPoint, oldestUnflushedNanos, cfg.flushMessages(), cfg.flushMs(),
                flushForced, nowNanos);
    }

    @Override
    public void flush() {
        long generation;
        LogOffsetMetadata target;
        long from;
        log.lock().lock();
        try {
            if (log.isFailed()) {
                return;
            }
            flushForced = false;
            generation = log.truncationCount();
            target = local.logEndOffsetMetadata();
            from = recoveryPoint;
        } finally {
            log.lock().unlock();
        }
        try {
            local.flushRange(from, target.offset());
            epochs.flush();
        } catch (IOException | UncheckedIOException e) {
            log.poison(e);
            return;
        }
        publishFlushed(generation, target);
    }

    private void publishFlushed(long generation, LogOffsetMetadata target) {
        long hw;
        log.lock().lock();
        try {
            if (generation != log.truncationCount() || log.isFailed()) {
                requestFlush();
                return;
            }
            if (target.offset() > recoveryPoint) {
                recoveryPoint = target.offset();
                oldestUnflushedNanos = env.time().nanoseconds();
            }
            if (local.logEndOffset() > recoveryPoint) {
                wakeFlusher(); // appends made during the fsync: the flusher re-arms its timer for them
            }
            hw = highWatermark.advance(target, local);
        } finally {
            log.lock().unlock();
        }
        waiters.completeUpTo(target.offset());
        if (hw >= 0) {
            highWatermark.announce(hw);
        }
    }

    @Override
    public int flusherAffinity() {
        return log.topicPartition().hashCode();
    }

    @Override
    public AtomicBoolean flushQueued() {
        return flushQueued;
    }
}
