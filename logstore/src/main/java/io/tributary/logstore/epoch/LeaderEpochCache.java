package io.tributary.logstore.epoch;

import io.tributary.logstore.io.CheckpointFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader epochs and the offsets where each began, in increasing order of both. Changes mark the
 * cache dirty; {@link #flush()} writes the checkpoint (the flusher calls it before it reports the
 * appends that changed it as durable, and recovery rebuilds epochs from the batches it scans).
 */
public final class LeaderEpochCache {
    private static final Logger LOGGER = LoggerFactory.getLogger(LeaderEpochCache.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<EpochEntry> entries = new ArrayList<>();
    private final CheckpointFile<EpochEntry> checkpoint;
    /** Held while the checkpoint is written. */
    private final Object writing = new Object();
    private boolean dirty;

    private LeaderEpochCache(CheckpointFile<EpochEntry> checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** Loads the cache of a partition directory; an unreadable checkpoint starts empty (recovery refills it). */
    public static LeaderEpochCache load(Path partitionDir) {
        CheckpointFile<EpochEntry> file = new CheckpointFile<>(partitionDir.resolve(LeaderEpochCheckpointFormat.FILE_NAME),
                LeaderEpochCheckpointFormat.VERSION, new LeaderEpochCheckpointFormat());
        LeaderEpochCache cache = new LeaderEpochCache(file);
        try {
            for (EpochEntry e : file.read()) {
                cache.assign(e.epoch(), e.startOffset());
            }
            cache.dirty = false;
        } catch (IOException e) {
            LOGGER.warn("Ignoring the leader epoch checkpoint of {}: {}", partitionDir, e.getMessage());
            cache.dirty = true;
        }
        return cache;
    }

    /** Records that {@code epoch} begins at {@code startOffset}, if it is newer than the latest epoch. */
    public void assign(int epoch, long startOffset) {
        if (epoch < 0) {
            return;
        }
        lock.writeLock().lock();
        try {
            EpochEntry latest = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            if (latest != null && (epoch <= latest.epoch() || startOffset < latest.startOffset())) {
                return;
            }
            entries.add(new EpochEntry(epoch, startOffset));
            dirty = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public OptionalInt latestEpoch() {
        lock.readLock().lock();
        try {
            return entries.isEmpty() ? OptionalInt.empty() : OptionalInt.of(entries.get(entries.size() - 1).epoch());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The epoch of the leader that wrote {@code offset}. */
    public OptionalInt epochForOffset(long offset) {
        lock.readLock().lock();
        try {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).startOffset() <= offset) {
                    return OptionalInt.of(entries.get(i).epoch());
                }
            }
            return OptionalInt.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * OffsetsForLeaderEpoch: the largest epoch at most {@code requestedEpoch} and the offset where the
     * next epoch starts ({@code logEndOffset} for the latest). Empty when the cache knows no such epoch.
     */
    public Optional<EpochEntry> endOffsetFor(int requestedEpoch, long logEndOffset) {
        lock.readLock().lock();
        try {
            for (int i = entries.size() - 1; i >= 0; i--) {
                EpochEntry e = entries.get(i);
                if (e.epoch() <= requestedEpoch) {
                    long end = i == entries.size() - 1 ? logEndOffset : entries.get(i + 1).startOffset();
                    return Optional.of(new EpochEntry(e.epoch(), end));
                }
            }
            return Optional.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes epochs that start at or after {@code endOffset} (log truncated to it). */
    public void truncateFromEnd(long endOffset) {
        lock.writeLock().lock();
        try {
            while (!entries.isEmpty() && entries.get(entries.size() - 1).startOffset() >= endOffset) {
                entries.remove(entries.size() - 1);
                dirty = true;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops epochs wholly below {@code startOffset}; the epoch holding it now starts there. */
    public void truncateFromStart(long startOffset) {
        lock.writeLock().lock();
        try {
            int keepFrom = 0;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).startOffset() <= startOffset) {
                    keepFrom = i;
                }
            }
            if (keepFrom > 0 || (!entries.isEmpty() && entries.get(0).startOffset() < startOffset)) {
                EpochEntry first = entries.get(keepFrom);
                entries.subList(0, keepFrom + 1).clear();
                entries.add(0, new EpochEntry(first.epoch(), Math.max(first.startOffset(), startOffset)));
                dirty = true;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            dirty |= !entries.isEmpty();
            entries.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public List<EpochEntry> entries() {
        lock.readLock().lock();
        try {
            return List.copyOf(entries);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes the checkpoint when something changed since the last write. Two callers (the flusher,
     * and a new leader's epoch assignment) take turns: they share the temporary file.
     */
    public void flush() throws IOException {
        synchronized (writing) {
            flushAlone();
        }
    }

    private void flushAlone() throws IOException {
        List<EpochEntry> snapshot;
        lock.writeLock().lock();
        try {
            if (!dirty) {
                return;
            }
            snapshot = List.copyOf(entries);
            dirty = false;
        } finally {
            lock.writeLock().unlock();
        }
        try {
            checkpoint.write(snapshot);
        } catch (IOException e) {
            lock.writeLock().lock();
            dirty = true;
            lock.writeLock().unlock();
            throw e;
        }
    }
}
