package io.tributary.logstore;

import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.LogSegments;
import io.tributary.logstore.segment.SegmentConfig;
import io.tributary.logstore.segment.SegmentFileNames;
import io.tributary.logstore.segment.SegmentHandleTracker;
import io.tributary.logstore.segment.SegmentRead;
import io.tributary.logstore.segment.SegmentSwap;
import io.tributary.logstore.time.Scheduler;
import io.tributary.logstore.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments of one partition and the operations on them as files: append to the active
 * segment, roll, read, flush a range, truncate, delete (delayed, so in-flight reads finish). Knows
 * nothing of producers, epochs or the high watermark; {@link PartitionLog} owns those and the lock.
 *
 * <p>Writers (append, roll, truncate, delete) hold the partition's lock; reads and flushes do not.
 */
final class LocalLog {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalLog.class);

    private final Path dir;
    private final LogSegments segments;
    private final SegmentConfig segmentConfig;
    private final Time time;
    private final Scheduler scheduler;
    private final SegmentHandleTracker handles;
    private volatile LogOffsetMetadata endOffset;
    private volatile boolean dirNeedsFsync;

    LocalLog(Path dir, LogSegments segments, SegmentConfig segmentConfig, LogOffsetMetadata endOffset, Time time, Scheduler scheduler,
            SegmentHandleTracker handles) {
        this.dir = dir;
        this.segments = segments;
        this.segmentConfig = segmentConfig;
        this.endOffset = endOffset;
        this.time = time;
        this.scheduler = scheduler;
        this.handles = handles;
    }

    Path dir() {
        return dir;
    }

    LogSegments segments() {
        return segments;
    }

    LogSegment activeSegment() {
        return segments.last();
    }

    SegmentConfig segmentConfig() {
        return segmentConfig;
    }

    LogOffsetMetadata logEndOffsetMetadata() {
        return endOffset;
    }

    long logEndOffset() {
        return endOffset.offset();
    }

    /** Appends batches with assigned offsets ending at {@code lastOffset} to the active segment. */
    void append(ByteBuffer batches, long lastOffset) throws IOException {
        LogSegment active = activeSegment();
        active.append(batches);
        endOffset = new LogOffsetMetadata(lastOffset + 1, active.baseOffset(), active.size());
    }

    /** Starts a new active segment at the log end offset. */
    LogSegment roll() throws IOException {
        long newBase = logEndOffset();
        LogSegment active = activeSegment();
        if (active.baseOffset() == newBase && active.size() == 0) {
            return active;
        }
        active.onBecomeInactive();
        LogSegment next = LogSegment.create(dir, newBase, time, segmentConfig, handles);
        segments.add(next);
        dirNeedsFsync = true;
        endOffset = new LogOffsetMetadata(newBase, newBase, 0);
        LOGGER.debug("Rolled {} to a new segment at offset {}", dir.getFileName(), newBase);
        return next;
    }

    /** The position of {@code offset}: the start of the batch holding it (or the log end). */
    LogOffsetMetadata offsetMetadata(long offset) {
        LogOffsetMetadata end = endOffset;
        if (offset >= end.offset()) {
            return end;
        }
        Optional<LogSegment> segment = segments.floor(offset);
        while (segment.isPresent()) {
            LogSegment s = segment.get();
            int maxPosition = s.baseOffset() == end.segmentBaseOffset() ? end.relativePosition() : s.size();
            BatchHeader b = s.translateOffset(offset, maxPosition);
            if (b != null) {
                return new LogOffsetMetadata(offset, s.baseOffset(), (int) b.position());
            }
            segment = segments.higher(s.baseOffset());
        }
        return end;
    }

    /**
     * Reads from {@code startOffset} (which must be below {@code bound}) up to {@code maxBytes}, not
     * past {@code bound}'s position. Null when no segment holds data at or after {@code startOffset}.
     */
    SegmentRead read(long startOffset, int maxBytes, LogOffsetMetadata bound, boolean minOneBatch) {
        Optional<LogSegment> segment = segments.floor(startOffset);
        if (segment.isEmpty()) {
            segment = Optional.ofNullable(segments.first());
        }
        while (segment.isPresent()) {
            LogSegment s = segment.get();
            if (s.baseOffset() > bound.segmentBaseOffset()) {
                return null;
            }
            int maxPosition = s.baseOffset() == bound.segmentBaseOffset() ? bound.relativePosition() : s.size();
            SegmentRead read = s.read(startOffset, maxBytes, maxPosition, minOneBatch);
            if (read != null) {
                return read;
            }
            segment = segments.higher(s.baseOffset());
        }
        return null;
    }

    /**
     * fsyncs every segment that may hold offsets in {@code [from, to)}, and the directory when
     * segments were created since the last flush.
     */
    void flushRange(long from, long to) throws IOException {
        for (LogSegment s : segments.range(from, to)) {
            s.flush();
        }
        if (dirNeedsFsync) {
            dirNeedsFsync = false;
            FileOps.fsyncDirectory(dir);
        }
    }

    /**
     * Removes segments from the log at once and deletes their files after {@code delayMs}: renamed
     * to {@code .deleted} now, so a crash in between finds them gone from the log.
     */
    void removeAndDeleteSegments(Collection<LogSegment> toDelete, long delayMs, String reason) throws IOException {
        List<LogSegment> list = new ArrayList<>(toDelete);
        for (LogSegment s : list) {
            segments.remove(s.baseOffset());
        }
        for (LogSegment s : list) {
            s.changeSuffix(SegmentFileNames.DELETED);
            LOGGER.info("Deleting segment {} of {} ({})", s.baseOffset(), dir.getFileName(), reason);
        }
        if (!list.isEmpty()) {
            scheduler.scheduleOnce("delete-segments-" + dir.getFileName(), () -> deleteFiles(list), delayMs);
        }
    }

    private static void deleteFiles(List<LogSegment> list) {
        for (LogSegment s : list) {
            try {
                s.deleteFiles();
            } catch (IOException e) {
                LOGGER.warn("Could not delete the files of {}", s, e);
            }
        }
    }

    /** Creates the empty {@code .cleaned} segment that compaction writes the copy of segments into. */
    LogSegment createCleanedSegment(long baseOffset) throws IOException {
        for (String ext : List.of(SegmentFileNames.LOG, SegmentFileNames.INDEX, SegmentFileNames.TIME_INDEX)) {
            java.nio.file.Files.deleteIfExists(SegmentFileNames.file(dir, baseOffset, ext + SegmentFileNames.CLEANED));
        }
        return LogSegment.create(dir, baseOffset, SegmentFileNames.CLEANED, time, segmentConfig, handles);
    }

    /** True when each of {@code run} is still one of this log's segments and not the active one. */
    boolean holdsInactive(List<LogSegment> run) {
        for (LogSegment s : run) {
            if (s.isActive() || segments.get(s.baseOffset()).orElse(null) != s) {
                return false;
            }
        }
        return true;
    }

    /**
     * Swaps the compacted {@code cleaned} in for {@code replaced} crash-safely ({@link SegmentSwap}) and
     * deletes the replaced files after {@code deleteDelayMs}, so in-flight reads of them finish.
     */
    void replaceSegments(LogSegment cleaned, List<LogSegment> replaced, long deleteDelayMs, SegmentSwap.Listener listener)
            throws IOException {
        SegmentSwap.replace(dir, segments, cleaned, replaced, listener);
        List<LogSegment> old = List.copyOf(replaced);
        scheduler.scheduleOnce("delete-compacted-segments-" + dir.getFileName(), () -> deleteFiles(old), deleteDelayMs);
    }

    /**
     * Removes every batch at or after the batch holding {@code targetOffset}: later segments are
     * deleted, the segment holding it is cut and becomes the active segment.
     */
    void truncateTo(long targetOffset, long deleteDelayMs) throws IOException {
        List<LogSegment> later = new ArrayList<>();
        for (LogSegment s : segments.all()) {
            if (s.baseOffset() > targetOffset) {
                later.add(s);
            }
        }
        if (later.size() == segments.size()) {
            truncateFullyAndStartAt(targetOffset, deleteDelayMs);
            return;
        }
        removeAndDeleteSegments(later, deleteDelayMs, "truncated to " + targetOffset);
        LogSegment active = activeSegment();
        active.truncateTo(targetOffset);
        active.makeActive();
        endOffset = new LogOffsetMetadata(active.readNextOffset(), active.baseOffset(), active.size());
    }

    /** Deletes every segment and starts empty at {@code newOffset}. */
    void truncateFullyAndStartAt(long newOffset, long deleteDelayMs) throws IOException {
        List<LogSegment> all = new ArrayList<>(segments.all());
        removeAndDeleteSegments(all, deleteDelayMs, "truncated fully to start at " + newOffset);
        segments.add(LogSegment.create(dir, newOffset, time, segmentConfig, handles));
        dirNeedsFsync = true;
        endOffset = new LogOffsetMetadata(newOffset, newOffset, 0);
    }

    /** Closes every segment's files (clean shutdown: indexes trimmed, last timestamps recorded). */
    void close() {
        for (LogSegment s : segments.all()) {
            try {
                s.close();
            } catch (IOException e) {
                LOGGER.warn("Closing {} failed", s, e);
            }
        }
    }

    /** Releases every segment's files without writing to them (the directory is being deleted). */
    void releaseAll() {
        for (LogSegment s : segments.all()) {
            s.release();
        }
    }
}
