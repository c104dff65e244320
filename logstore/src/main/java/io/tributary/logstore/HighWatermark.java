package io.tributary.logstore;

import io.tributary.logstore.flush.DurabilityWaiters;
import java.util.concurrent.CompletableFuture;

/**
 * The high watermark of one log: the offset below which consumers may read, with its position in
 * the segments (a read stops there without an index lookup), the replication bound it may not pass,
 * and who waits for it or hears that it advanced. It is {@code max(current, min(durable, bound))}:
 * never above what this node fsynced, never above the bound (the in-sync replicas' durable offset
 * on a leader, the leader's high watermark on a follower; {@link Long#MAX_VALUE} on a single node),
 * and never backwards except by truncation or {@link #force}. Kept apart from {@link PartitionLog}
 * so that class stays about appends, reads and offsets.
 *
 * <p>Threading: changed only under the owning log's lock, read without it. Listeners are told by
 * {@link #announce} outside the lock.
 */
final class HighWatermark {
    private final HighWatermarkNotifier listeners;
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    private volatile LogOffsetMetadata current;
    private volatile long bound = Long.MAX_VALUE;

    HighWatermark(TopicPartition tp, HighWatermarkListener global, LogOffsetMetadata initial) {
        this.listeners = new HighWatermarkNotifier(tp, global);
        this.current = initial;
    }

    long offset() {
        return current.offset();
    }

    LogOffsetMetadata metadata() {
        return current;
    }

    long bound() {
        return bound;
    }

    /** Sets the replication bound (any value: a new leader's may be lower). Under the lock; then {@link #advance}. */
    void setBound(long newBound) {
        bound = newBound;
    }

    /**
     * Moves forward to {@code min(durable, bound)} when that is ahead (never back). Under the lock.
     *
     * @param durable the locally fsynced end; its position is used when the bound does not cut it
     * @return the new high watermark to {@link #announce}, or -1 when it did not move
     */
    long advance(LogOffsetMetadata durable, LocalLog local) {
        long target = Math.min(durable.offset(), bound);
        if (target <= current.offset()) {
            return -1;
        }
        current = target == durable.offset() && durable.hasPosition() ? durable : local.offsetMetadata(target);
        return target;
    }

    /**
     * Sets the high watermark to {@code hw}, backwards too (a follower told a lower one by its leader),
     * and lowers the bound to it, so that it does not pass what the leader said until the bound is
     * raised again. Under the lock.
     *
     * @return {@code hw} when that moved it forward (to {@link #announce}), else -1
     */
    long force(LogOffsetMetadata hw) {
        boolean forward = hw.offset() > current.offset();
        current = hw;
        bound = hw.offset();
        return forward ? hw.offset() : -1;
    }

    /** Completes when the high watermark reaches {@code offset}; at once when it has. Under the lock. */
    CompletableFuture<Void> await(long offset) {
        return offset <= current.offset() ? CompletableFuture.completedFuture(null) : waiters.add(offset);
    }

    /**
     * The log was truncated to {@code end}: the high watermark may not stay above it (nor below the
     * log start, after a restart at a later offset), and waiters for offsets above {@code keptEnd}
     * (the end of what was kept) fail with {@code cause}. Under the lock.
     */
    void truncatedTo(LogOffsetMetadata end, long logStartOffset, long keptEnd, RuntimeException cause) {
        if (current.offset() > end.offset() || current.offset() < logStartOffset) {
            current = end;
        }
        waiters.failAbove(keptEnd, cause);
    }

    /** Fails every waiter, now and later: the log is poisoned or closed. */
    void failAll(RuntimeException cause) {
        waiters.failAll(cause);
    }

    /** Completes the waiters up to the current high watermark (the final flush of a close). */
    void completeWaiters() {
        waiters.completeUpTo(current.offset());
    }

    /** The position may lie in a segment that compaction replaced: look it up again. Under the lock. */
    void refreshPosition(LocalLog local, long replacedBaseOffset, long replacedEnd) {
        long base = current.segmentBaseOffset();
        if (base >= replacedBaseOffset && base < replacedEnd) {
            current = local.offsetMetadata(current.offset());
        }
    }

    /** Completes the waiters up to {@code hw} and tells the listeners it advanced there. Outside the lock. */
    void announce(long hw) {
        waiters.completeUpTo(hw);
        listeners.advancedTo(hw);
    }

    void addListener(HighWatermarkListener l) {
        listeners.add(l);
    }

    void removeListener(HighWatermarkListener l) {
        listeners.remove(l);
    }
}
