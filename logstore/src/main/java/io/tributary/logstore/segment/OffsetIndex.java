package io.tributary.logstore.segment;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/** The sparse offset-to-position index of one segment ({@link OffsetIndexFormat}). */
public final class OffsetIndex extends AbstractIndex {
    /** An index entry: offset (absolute) and position in the log file. */
    public record Entry(long offset, int position) {
    }

    public OffsetIndex(Path file, long baseOffset, int maxIndexSize, boolean writable) throws IOException {
        super(file, baseOffset, maxIndexSize, writable, OffsetIndexFormat.ENTRY_SIZE);
    }

    @Override
    protected long keyAt(MappedByteBuffer map, int n) {
        return baseOffset + map.getInt(n * OffsetIndexFormat.ENTRY_SIZE);
    }

    private Entry entryAt(MappedByteBuffer map, int n) {
        int p = n * OffsetIndexFormat.ENTRY_SIZE;
        return new Entry(baseOffset + map.getInt(p), map.getInt(p + 4));
    }

    /** Adds an entry; {@code offset} must exceed the last entry's. */
    public void append(long offset, int position) {
        lock.lock();
        try {
            int rel = relativeOffset(offset);
            int n = entries();
            if (n > 0 && keyAt(map(), n - 1) >= offset) {
                throw new IllegalStateException("offset " + offset + " is not above the last index entry " + keyAt(map(), n - 1));
            }
            appendEntry((map, p) -> {
                map.putInt(p, rel);
                map.putInt(p + 4, position);
            });
        } finally {
            lock.unlock();
        }
    }

    /** The entry with the largest offset at most {@code target}; {@code (baseOffset, 0)} when none. */
    public Entry lookup(long target) {
        lock.lock();
        try {
            int slot = largestLowerBoundSlot(target);
            return slot < 0 ? new Entry(baseOffset, 0) : entryAt(map(), slot);
        } finally {
            lock.unlock();
        }
    }

    /** The last entry, or {@code (baseOffset, 0)} when empty. */
    public Entry lastEntry() {
        lock.lock();
        try {
            int n = entries();
            return n == 0 ? new Entry(baseOffset, 0) : entryAt(map(), n - 1);
        } finally {
            lock.unlock();
        }
    }

    /** Drops entries for offsets at or above {@code offset}. */
    public void truncateTo(long offset) {
        truncateToKey(offset);
    }

    /**
     * Null when plausible, else why not (the index is then rebuilt from the log). Cheap, as Kafka's:
     * the last entry must lie above the first; recovery rebuilds any index it cannot trust.
     */
    public String sanityProblem() {
        lock.lock();
        try {
            int n = entries();
            if (n > 1 && keyAt(map(), n - 1) <= keyAt(map(), 0)) {
                return "last offset " + keyAt(map(), n - 1) + " not above the first " + keyAt(map(), 0);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }
}
