package io.tributary.logstore.segment;

import io.tributary.logstore.io.MappedBuffers;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A memory-mapped file of fixed-size entries sorted by a key, with binary search. Subclasses define
 * the entry layout ({@link OffsetIndexFormat}, {@link TimeIndexFormat}).
 *
 * <p>One writer appends (under the log's lock); readers search concurrently. Every access to the
 * map holds {@link #lock}, because remapping (resize, trim, close) replaces or releases it.
 */
abstract class AbstractIndex {
    protected final ReentrantLock lock = new ReentrantLock();
    protected final long baseOffset;
    private final int entrySize;
    private volatile Path file;
    private MappedByteBuffer mmap;
    private volatile int entries;
    private volatile int maxEntries;

    /**
     * Maps {@code file}. A new (or empty) file is sized to {@code maxIndexSize} when writable; an
     * existing one keeps its length, and its entry count is its length over the entry size.
     */
    AbstractIndex(Path file, long baseOffset, int maxIndexSize, boolean writable, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        boolean newlyCreated = !Files.exists(file) || Files.size(file) == 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (newlyCreated && writable) {
                raf.setLength(roundDown(maxIndexSize));
            }
            long length = raf.length();
            this.mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            this.entries = newlyCreated ? 0 : (int) (roundDown((int) length) / entrySize);
            this.maxEntries = mmap.limit() / entrySize;
        }
    }

    private int roundDown(int size) {
        return size - size % entrySize;
    }

    public Path file() {
        return file;
    }

    public int entries() {
        return entries;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    public long sizeInBytes() {
        return (long) entries * entrySize;
    }

    /** Relative offset as stored; the caller checked that it fits in an int. */
    protected int relativeOffset(long offset) {
        long rel = offset - baseOffset;
        if (rel < 0 || rel > Integer.MAX_VALUE) {
            throw new IndexOffsetOverflowException(offset + " does not fit in the index of segment " + baseOffset);
        }
        return (int) rel;
    }

    /** Must hold {@link #lock}. */
    protected MappedByteBuffer map() {
        if (mmap == null) {
            throw new IllegalStateException("index " + file + " is closed");
        }
        return mmap;
    }

    /** Appends one entry's bytes at the end; {@code writer} fills them. Must hold {@link #lock}. */
    protected void appendEntry(EntryWriter writer) {
        if (entries >= maxEntries) {
            throw new IllegalStateException("index " + file + " is full (" + entries + " entries)");
        }
        writer.write(map(), entries * entrySize);
        entries++;
    }

    /** Writes one entry at a byte position of the map. */
    @FunctionalInterface
    protected interface EntryWriter {
        void write(MappedByteBuffer map, int position);
    }

    /** The key (offset or timestamp) of slot {@code n}. Must hold {@link #lock}. */
    protected abstract long keyAt(MappedByteBuffer map, int n);

    /**
     * The largest slot whose key is at most {@code target}, or -1 when the first key is already larger.
     * Must hold {@link #lock}.
     */
    protected int largestLowerBoundSlot(long target) {
        int n = entries;
        if (n == 0 || keyAt(map(), 0) > target) {
            return -1;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (keyAt(mmap, mid) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The smallest slot whose key is at least {@code target}, or {@code entries} when none. Must hold {@link #lock}. */
    protected int smallestUpperBoundSlot(long target) {
        int lo = 0;
        int hi = entries;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keyAt(map(), mid) >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Drops every entry whose key is at least {@code key}. */
    public void truncateToKey(long key) {
        lock.lock();
        try {
            entries = smallestUpperBoundSlot(key);
        } finally {
            lock.unlock();
        }
    }

    /** Drops every entry. */
    public void reset() {
        truncateToEntries(0);
    }

    /** Keeps the first {@code n} entries. */
    protected void truncateToEntries(int n) {
        lock.lock();
        try {
            entries = Math.min(entries, Math.max(0, n));
        } finally {
            lock.unlock();
        }
    }

    /** Changes the file's length to {@code newSize} (rounded down to whole entries) and remaps it. */
    public void resize(int newSize) throws IOException {
        lock.lock();
        try {
            int rounded = roundDown(newSize);
            if (mmap != null && rounded == mmap.limit()) {
                return;
            }
            MappedByteBuffer old = mmap;
            mmap = null;
            MappedBuffers.unmap(old);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(rounded);
                mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, rounded);
            }
            maxEntries = rounded / entrySize;
            entries = Math.min(entries, maxEntries);
        } finally {
            lock.unlock();
        }
    }

    /** Shrinks the file to its entries (done when a segment stops being active). */
    public void trimToValidSize() throws IOException {
        resize(entries * entrySize);
    }

    public void flush() {
        lock.lock();
        try {
            if (mmap != null) {
                mmap.force();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Trims and releases the map; the index is unusable afterwards. */
    public void close() throws IOException {
        lock.lock();
        try {
            if (mmap == null) {
                return;
            }
            trimToValidSize();
            MappedBuffers.unmap(mmap);
            mmap = null;
        } finally {
            lock.unlock();
        }
    }

    /** Releases the map without trimming (the file is about to be deleted or rebuilt). */
    public void release() {
        lock.lock();
        try {
            MappedBuffers.unmap(mmap);
            mmap = null;
        } finally {
            lock.unlock();
        }
    }

    public void renameTo(Path target) throws IOException {
        if (Files.exists(file)) {
            io.tributary.logstore.io.FileOps.atomicMove(file, target);
        }
        file = target;
    }

    /** Releases the map and deletes the file. */
    public void deleteIfExists() throws IOException {
        release();
        Files.deleteIfExists(file);
    }

    /** Thrown when an offset does not fit the 32-bit relative offset of a segment's index. */
    public static final class IndexOffsetOverflowException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IndexOffsetOverflowException(String message) {
            super(message);
        }
    }
}
