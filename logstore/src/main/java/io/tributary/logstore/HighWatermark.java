package io.tributary.logstore;

/**
 * The high watermark of one log: the offset below which consumers may read, with its position in
 * the segments (a read stops there without an index lookup), and who hears that it advanced. Kept
 * apart from {@link PartitionLog} so that class stays about appends, reads and offsets.
 *
 * <p>Threading: changed only under the owning log's lock, read without it. Listeners are told by
 * {@link #announce} outside the lock.
 */
final class HighWatermark {
    private final HighWatermarkNotifier listeners;
    private volatile LogOffsetMetadata current;

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

    /** Moves forward to {@code durable} when that is ahead (never back). Under the lock. @return true when it moved */
    boolean advanceTo(LogOffsetMetadata durable) {
        if (durable.offset() > current.offset()) {
            current = durable;
            return true;
        }
        return false;
    }

    /** The log was truncated to {@code end}: the high watermark may not stay above it. Under the lock. */
    void clampTo(LogOffsetMetadata end) {
        if (current.offset() > end.offset()) {
            current = end;
        }
    }

    /** The position may lie in a segment that compaction replaced: look it up again. Under the lock. */
    void refreshPosition(LocalLog local, long replacedBaseOffset, long replacedEnd) {
        long base = current.segmentBaseOffset();
        if (base >= replacedBaseOffset && base < replacedEnd) {
            current = local.offsetMetadata(current.offset());
        }
    }

    /** Tells the listeners that the high watermark advanced to {@code hw}. Outside the lock. */
    void announce(long hw) {
        listeners.advancedTo(hw);
    }

    void addListener(HighWatermarkListener l) {
        listeners.add(l);
    }

    void removeListener(HighWatermarkListener l) {
        listeners.remove(l);
    }
}
