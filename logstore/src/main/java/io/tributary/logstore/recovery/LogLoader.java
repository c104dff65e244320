package io.tributary.logstore.recovery;

import io.tributary.logstore.epoch.LeaderEpochCache;
import io.tributary.logstore.io.CheckpointFileFormat;
import io.tributary.logstore.producer.ProducerSnapshots;
import io.tributary.logstore.producer.ProducerStateLoader;
import io.tributary.logstore.producer.ProducerStateManager;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.segment.LogSegment;
import io.tributary.logstore.segment.LogSegments;
import io.tributary.logstore.segment.SegmentConfig;
import io.tributary.logstore.segment.SegmentFileNames;
import io.tributary.logstore.segment.SegmentHandleTracker;
import io.tributary.logstore.time.Time;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one partition directory into segments, producer state and leader epochs (Kafka's
 * {@code LogLoader}): resolves leftovers of interrupted operations, scans and repairs what an
 * unclean stop may have torn, and reports the offsets it established.
 */
public final class LogLoader {
    private static final Logger LOGGER = LoggerFactory.getLogger(LogLoader.class);

    /** Everything a load needs. */
    public record Params(Path dir, SegmentConfig segmentConfig, Time time, SegmentHandleTracker handles, LogSegments segments,
            ProducerStateManager producers, LeaderEpochCache epochs, long recoveryPointCheckpoint, long logStartOffsetCheckpoint,
            boolean hadCleanShutdown) {
    }

    private final Params p;
    private long truncatedBytes;

    private LogLoader(Params p) {
        this.p = p;
    }

    public static LoadedLogOffsets load(Params params) throws IOException {
        return new LogLoader(params).load();
    }

    private LoadedLogOffsets load() throws IOException {
        TreeSet<Long> bases = cleanDirectoryAndListSegments();
        for (long base : bases) {
            boolean last = base == bases.last();
            p.segments().add(LogSegment.existing(p.dir(), base, "", last, p.time(), p.segmentConfig(), p.handles()));
        }
        if (p.segments().isEmpty()) {
            long start = Math.max(0, p.logStartOffsetCheckpoint());
            p.segments().add(LogSegment.create(p.dir(), start, p.time(), p.segmentConfig(), p.handles()));
        }
        long recoveryPoint = p.recoveryPointCheckpoint();
        if (!p.hadCleanShutdown()) {
            recoverFrom(recoveryPoint);
        }
        LogSegment active = p.segments().last();
        long nextOffset = active.readNextOffset();
        recoveryPoint = Math.min(recoveryPoint, nextOffset);
        long logStartOffset = Math.max(p.logStartOffsetCheckpoint(), p.segments().first().baseOffset());
        if (logStartOffset > nextOffset) {
            LOGGER.warn("{}: log start offset {} is beyond the log end {}; the log restarts empty there", p.dir().getFileName(),
                    logStartOffset, nextOffset);
            deleteAllSegments();
            active = LogSegment.create(p.dir(), logStartOffset, p.time(), p.segmentConfig(), p.handles());
            p.segments().add(active);
            nextOffset = logStartOffset;
            recoveryPoint = logStartOffset;
        }
        p.epochs().truncateFromEnd(nextOffset);
        p.epochs().truncateFromStart(logStartOffset);
        ProducerStateLoader.rebuild(new ProducerSnapshots(p.dir()), p.segments(), p.producers(), logStartOffset, nextOffset);
        return new LoadedLogOffsets(logStartOffset, recoveryPoint, nextOffset, active.baseOffset(), active.size(), truncatedBytes);
    }

    /**
     * Completes or discards interrupted compaction swaps ({@link SwapRecovery}), removes files left by
     * other interrupted operations ({@code .deleted}, {@code .tmp}, index files without their log) and
     * returns the base offsets of the segments.
     */
    private TreeSet<Long> cleanDirectoryAndListSegments() throws IOException {
        SwapRecovery.run(p.dir());
        TreeSet<Long> bases = new TreeSet<>();
        List<Path> indexFiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(p.dir())) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(SegmentFileNames.DELETED) || name.endsWith(SegmentFileNames.CLEANED)
                        || name.endsWith(CheckpointFileFormat.TMP_SUFFIX) || name.endsWith(SegmentFileNames.SWAP)) {
                    Files.deleteIfExists(f);
                } else if (name.endsWith(SegmentFileNames.LOG) && SegmentFileNames.offsetOf(name) >= 0) {
                    bases.add(SegmentFileNames.offsetOf(name));
                } else if (name.endsWith(SegmentFileNames.INDEX) || name.endsWith(SegmentFileNames.TIME_INDEX)
                        || name.endsWith(SegmentFileNames.TXN_INDEX)) {
                    indexFiles.add(f);
                }
            }
        }
        for (Path index : indexFiles) {
            long base = SegmentFileNames.offsetOf(index.getFileName().toString());
            if (!bases.contains(base)) {
                Files.deleteIfExists(index);
            }
        }
        return bases;
    }

    /**
     * Scans every segment from the one holding {@code recoveryPoint}: cuts each after its last valid
     * batch; once one had to be cut, or ends before the next one begins (a file torn exactly at a
     * batch boundary), the segments after it are deleted: their data followed a hole. Segments are
     * contiguous otherwise: a roll starts the next at the log end, and compaction keeps the last batch
     * of every run it rewrites.
     */
    private void recoverFrom(long recoveryPoint) throws IOException {
        List<LogSegment> unflushed = p.segments().range(recoveryPoint, Long.MAX_VALUE);
        for (int i = 0; i < unflushed.size(); i++) {
            LogSegment s = unflushed.get(i);
            int cut = s.recover(this::onRecoveredBatch);
            truncatedBytes += cut;
            boolean last = i == unflushed.size() - 1;
            boolean gap = !last && s.readNextOffset() < unflushed.get(i + 1).baseOffset();
            if ((cut > 0 || gap) && !last) {
                List<LogSegment> after = unflushed.subList(i + 1, unflushed.size());
                LOGGER.warn("{}: deleting {} segment(s) after the {} in segment {}", p.dir().getFileName(), after.size(),
                        cut > 0 ? "corruption" : "gap that ends", s.baseOffset());
                for (LogSegment a : after) {
                    p.segments().remove(a.baseOffset());
                    truncatedBytes += a.size();
                    a.deleteFiles();
                }
                s.makeActive();
                break;
            }
        }
    }

    private void onRecoveredBatch(BatchHeader b) {
        p.epochs().assign(b.partitionLeaderEpoch(), b.baseOffset());
    }

    private void deleteAllSegments() throws IOException {
        for (LogSegment s : new ArrayList<>(p.segments().all())) {
            p.segments().remove(s.baseOffset());
            s.deleteFiles();
        }
    }
}
