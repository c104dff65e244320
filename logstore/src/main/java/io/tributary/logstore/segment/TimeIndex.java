package io.tributary.logstore.segment;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/** The sparse timestamp-to-offset index of one segment ({@link TimeIndexFormat}). */
public final class TimeIndex extends AbstractIndex {
    /** An index entry: a timestamp and the (absolute) offset of the batch that carried it. */
    public record Entry(long timestamp, long offset) {
    }

    public TimeIndex(Path file, long baseOffset, int maxIndexSize, boolean writable) throws IOException {
        super(file, baseOffset, maxIndexSize, writable, TimeIndexFormat.ENTRY_SIZE);
    }

    @Override
    protected long keyAt(MappedByteBuffer map, int n) {
        return map.getLong(n * TimeIndexFormat.ENTRY_SIZE);
    }

    private Entry entryAt(MappedByteBuffer map, int n) {
        int p = n * TimeIndexFormat.ENTRY_SIZE;
        return new Entry(map.getLong(p), baseOffset + map.getInt(p + 8));
    }

    /** One slot stays free for the entry written when the segment rolls. */
    @Override
    public boolean isFull() {
        return entries() >= maxEntries() - 1;
    }

    /**
     * Adds an entry when {@code timestamp} is above the last entry's; the offset must not go backwards.
     *
     * @param skipFullCheck true for the final entry at roll, which may use the reserved slot
     */
    public void maybeAppend(long timestamp, long offset, boolean skipFullCheck) {
        lock.lock();
        try {
            if (!skipFullCheck && isFull()) {
                throw new IllegalStateException("time index " + file() + " is full");
            }
            int n = entries();
            if (n > 0) {
                Entry last = entryAt(map(), n - 1);
                if (offset < last.offset()) {
                    throw new IllegalStateException("offset " + offset + " is below the last time index entry's " + last.offset());
                }
                if (timestamp <= last.timestamp()) {
                    return;
                }
            }
            if (entries() >= maxEntries()) {
                return;
            }
            int rel = relativeOffset(offset);
            appendEntry((map, p) -> {
                map.putLong(p, timestamp);
                map.putInt(p + 8, rel);
            });
        } finally {
            lock.unlock();
        }
    }

    /** The entry with the largest timestamp at most {@code target}; {@code (-1, baseOffset)} when none. */
    public Entry lookup(long target) {
        lock.lock();
        try {
            int slot = largestLowerBoundSlot(target);
            return slot < 0 ? new Entry(-1, baseOffset) : entryAt(map(), slot);
        } finally {
            lock.unlock();
        }
    }

    /** The last entry, or {@code (-1, baseOffset)} when empty. */
    public Entry lastEntry() {
        lock.lock();
        try {
            int n = entries();
            return n == 0 ? new Entry(-1, baseOffset) : entryAt(map(), n - 1);
        } finally {
            lock.unlock();
        }
    }

    /** Drops entries for offsets at or above {@code offset}. */
    public void truncateTo(long offset) {
        lock.lock();
        try {
            int keep = entries();
            while (keep > 0 && entryAt(map(), keep - 1).offset() >= offset) {
                keep--;
            }
            truncateToEntries(keep);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Null when plausible, else why not (the index is then rebuilt from the log). Cheap, as Kafka's:
     * the last entry must not lie below the first; recovery rebuilds any index it cannot trust.
     */
    public String sanityProblem() {
        lock.lock();
        try {
            int n = entries();
            if (n == 0) {
                return null;
            }
            Entry first = entryAt(map(), 0);
            Entry last = entryAt(map(), n - 1);
            if (last.timestamp() < first.timestamp() || last.offset() < first.offset()) {
                return "last entry " + last + " below the first " + first;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }
}
