package io.tributary.logstore.segment;

import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.CompressedRecords;
import io.tributary.logstore.record.CompressedRecords.TimestampAndOffset;
import io.tributary.logstore.record.RecordBatchFormat;
import io.tributary.logstore.time.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment: the {@code .log} file of batches starting at {@link #baseOffset()}, its offset index
 * and its time index. Files open lazily, on first use, and may be closed again by the
 * {@link SegmentHandleTracker} when idle; size and largest timestamp stay known while closed.
 *
 * <p>Not thread-safe for writers: appends, truncation, recovery and roll run under the owning
 * log's lock. Reads run concurrently and bound themselves by a position the writer published.
 */
public final class LogSegment {
    private static final Logger LOGGER = LoggerFactory.getLogger(LogSegment.class);
    private static final long UNKNOWN = Long.MIN_VALUE;
    /**
     * The files of a segment in the order they are renamed: the {@code .log} file last, so that its
     * new name marks a complete rename (a {@code .log.swap} means every file of the swap is there).
     */
    private static final List<String> EXTENSIONS = List.of(SegmentFileNames.INDEX, SegmentFileNames.TIME_INDEX,
            SegmentFileNames.TXN_INDEX, SegmentFileNames.LOG);

    /** The open files of a segment. */
    record Handles(LogFile log, OffsetIndex offsetIndex, TimeIndex timeIndex) {
    }

    private final long baseOffset;
    private final Path dir;
    private final Time time;
    private final SegmentConfig config;
    private final SegmentHandleTracker tracker;
    private final Object openLock = new Object();
    private final TransactionIndex txnIndex = new TransactionIndex(() -> file(SegmentFileNames.TXN_INDEX));
    private volatile Handles handles;
    private volatile String suffix;
    private volatile boolean active;
    private volatile int size;
    private volatile long maxTimestampSoFar = UNKNOWN;
    private volatile long offsetOfMaxTimestampSoFar;
    private volatile long lastUsedNanos;
    private volatile boolean warnedAboutIndex;
    private int bytesSinceLastIndexEntry;
    private long rollingBasedTimestamp = UNKNOWN;
    private long createdMs;

    private LogSegment(Path dir, long baseOffset, String suffix, boolean active, int size, Time time, SegmentConfig config,
            SegmentHandleTracker tracker) {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.suffix = suffix;
        this.active = active;
        this.size = size;
        this.time = time;
        this.config = config;
        this.tracker = tracker;
        this.createdMs = time.milliseconds();
        this.offsetOfMaxTimestampSoFar = baseOffset;
    }

    /** Creates the files of a new, empty, active segment. */
    public static LogSegment create(Path dir, long baseOffset, Time time, SegmentConfig config, SegmentHandleTracker tracker)
            throws IOException {
        return create(dir, baseOffset, "", time, config, tracker);
    }

    /**
     * Creates the files of a new, empty segment whose names carry {@code suffix} (compaction writes
     * {@code .cleaned} segments); it takes appends until {@link #onBecomeInactive()}.
     */
    public static LogSegment create(Path dir, long baseOffset, String suffix, Time time, SegmentConfig config,
            SegmentHandleTracker tracker) throws IOException {
        LogSegment s = new LogSegment(dir, baseOffset, suffix, true, 0, time, config, tracker);
        s.maxTimestampSoFar = RecordBatchFormat.NO_TIMESTAMP;
        s.handles();
        return s;
    }

    /** An existing segment, its files left closed until first use. */
    public static LogSegment existing(Path dir, long baseOffset, String suffix, boolean active, Time time, SegmentConfig config,
            SegmentHandleTracker tracker) throws IOException {
        Path log = SegmentFileNames.file(dir, baseOffset, SegmentFileNames.LOG + suffix);
        long length = Files.size(log);
        if (length > Integer.MAX_VALUE) {
            throw new IOException("segment file " + log + " is larger than 2 GiB");
        }
        return new LogSegment(dir, baseOffset, suffix, active, (int) length, time, config, tracker);
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Bytes in the {@code .log} file. */
    public int size() {
        return size;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isOpen() {
        return handles != null;
    }

    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    public Path logFile() {
        return file(SegmentFileNames.LOG);
    }

    private Path file(String extension) {
        return SegmentFileNames.file(dir, baseOffset, extension + suffix);
    }

    /** The open files, opening them (and rebuilding a missing or implausible index) when closed. */
    Handles handles() {
        lastUsedNanos = time.nanoseconds();
        Handles h = handles;
        if (h != null) {
            return h;
        }
        synchronized (openLock) {
            if (handles == null) {
                try {
                    handles = open();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open segment " + logFile(), e);
                }
                tracker.opened(this);
            }
            return handles;
        }
    }

    private Handles open() throws IOException {
        LogFile log = LogFile.open(logFile(), config.writeBuffers());
        size = log.size();
        Path indexFile = file(SegmentFileNames.INDEX);
        Path timeIndexFile = file(SegmentFileNames.TIME_INDEX);
        boolean missing = !Files.exists(indexFile) || !Files.exists(timeIndexFile);
        OffsetIndex oi = new OffsetIndex(indexFile, baseOffset, config.maxIndexSize(), active);
        TimeIndex ti = new TimeIndex(timeIndexFile, baseOffset, config.maxIndexSize(), active);
        Handles h = new Handles(log, oi, ti);
        if (active) {
            oi.resize(config.maxIndexSize());
            ti.resize(config.maxIndexSize());
        }
        String problem = missing && size > 0 ? "index files missing" : oi.sanityProblem();
        if (problem == null) {
            problem = ti.sanityProblem();
        }
        if (problem == null && oi.lastEntry().position() > size) {
            problem = "index points past the end of the log";
        }
        if (problem == null) {
            problem = lastEntryProblem(h);
        }
        if (problem != null) {
            if (size == 0) {
                // an empty segment's preallocated index after a kill -9: rebuilding it is nothing, and expected
                LOGGER.debug("Rebuilding the indexes of empty segment {}: {}", log.file(), problem);
            } else {
                LOGGER.warn("Rebuilding the indexes of segment {}: {}", log.file(), problem);
            }
            rebuildIndexes(h, null);
        }
        return h;
    }

    /** Null when the offset index's last entry names the batch at its position, as every entry must. */
    private String lastEntryProblem(Handles h) {
        OffsetIndex.Entry last = h.offsetIndex().lastEntry();
        if (h.offsetIndex().entries() == 0) {
            return null;
        }
        if (last.position() < 0 || last.position() >= size) {
            return "the last index entry " + last + " points outside the log";
        }
        for (BatchHeader b : h.log().headersFrom(last.position(), size)) {
            return b.magic() == RecordBatchFormat.MAGIC_V2 && b.lastOffset() == last.offset() ? null
                    : "the last index entry " + last + " does not name the batch at its position";
        }
        return "the last index entry " + last + " points at no batch";
    }

    /**
     * Rebuilds both indexes from the batch headers (no CRC check; recovery does that), up to the
     * first header that cannot follow the one before it (its offsets do not rise): a torn or corrupt
     * tail, whose lengths no longer lead from batch to batch, which recovery's CRC-checked scan cuts.
     */
    private void rebuildIndexes(Handles h, Consumer<BatchHeader> visitor) throws IOException {
        resetIndexes(h);
        long previous = baseOffset - 1;
        for (BatchHeader b : h.log().headersFrom(0, size)) {
            if (b.magic() != RecordBatchFormat.MAGIC_V2 || b.baseOffset() <= previous || b.lastOffset() < b.baseOffset()) {
                LOGGER.warn("Segment {}: indexed up to offset {}; the batch header at position {} does not follow (left to recovery)",
                        h.log().file(), previous, b.position());
                break;
            }
            previous = b.lastOffset();
            indexBatch(h, b);
            if (visitor != null) {
                visitor.accept(b);
            }
        }
        finishIndexes(h);
    }

    private void resetIndexes(Handles h) throws IOException {
        h.offsetIndex().resize(config.maxIndexSize());
        h.timeIndex().resize(config.maxIndexSize());
        h.offsetIndex().reset();
        h.timeIndex().reset();
        maxTimestampSoFar = RecordBatchFormat.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = baseOffset;
        bytesSinceLastIndexEntry = 0;
    }

    private void finishIndexes(Handles h) throws IOException {
        if (!active) {
            if (maxTimestampSoFar >= 0) {
                h.timeIndex().maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, true);
            }
            h.offsetIndex().trimToValidSize();
            h.timeIndex().trimToValidSize();
        }
    }

    private void indexBatch(Handles h, BatchHeader b) {
        if (b.maxTimestamp() > maxTimestampSoFar) {
            maxTimestampSoFar = b.maxTimestamp();
            offsetOfMaxTimestampSoFar = b.lastOffset();
        }
        if (bytesSinceLastIndexEntry > config.indexIntervalBytes() && !h.offsetIndex().isFull() && !h.timeIndex().isFull()) {
            h.offsetIndex().append(b.lastOffset(), (int) b.position());
            h.timeIndex().maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, false);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += b.sizeInBytes();
    }

    /**
     * Appends batches whose offsets are already assigned (the buffer's remaining bytes), indexing
     * them; the bytes reach the page cache, not the disk.
     */
    public void append(ByteBuffer batches) throws IOException {
        Handles h = handles();
        ensureMaxTimestampLoaded(h);
        int physicalPosition = h.log().size();
        if (physicalPosition == 0) {
            rollingBasedTimestamp = batches.getLong(batches.position() + RecordBatchFormat.MAX_TIMESTAMP_OFFSET);
        }
        h.log().append(batches);
        for (int pos = batches.position(); pos < batches.limit(); ) {
            BatchHeader b = BatchHeader.read(batches, pos, physicalPosition);
            indexBatch(h, b);
            pos += b.sizeInBytes();
            physicalPosition += b.sizeInBytes();
        }
        size = h.log().size();
    }

    /** True when an append described by {@code p} must go to a new segment. */
    public boolean shouldRoll(RollParams p) {
        Handles h = handles();
        boolean reachedRollMs = size > 0 && timeWaitedForRoll(h, p.nowMs(), p.maxTimestamp()) > p.segmentMs();
        return size > p.segmentBytes() - p.appendBytes()
                || reachedRollMs
                || h.offsetIndex().isFull()
                || h.timeIndex().isFull()
                || p.lastOffset() - baseOffset > Integer.MAX_VALUE;
    }

    private long timeWaitedForRoll(Handles h, long nowMs, long messageTimestamp) {
        if (rollingBasedTimestamp == UNKNOWN) {
            rollingBasedTimestamp = RecordBatchFormat.NO_TIMESTAMP;
            for (BatchHeader b : h.log().headersFrom(0, size)) {
                rollingBasedTimestamp = b.maxTimestamp();
                break;
            }
        }
        if (rollingBasedTimestamp >= 0 && messageTimestamp >= 0) {
            return messageTimestamp - rollingBasedTimestamp;
        }
        return nowMs - createdMs;
    }

    /** The segment stops taking appends: write out its buffered bytes, record its largest timestamp, trim its indexes. */
    public void onBecomeInactive() throws IOException {
        Handles h = handles();
        h.log().writeOut();
        ensureMaxTimestampLoaded(h);
        active = false;
        finishIndexes(h);
    }

    /**
     * The first batch whose last offset is at least {@code offset}, scanning from the index's hint
     * up to {@code maxPosition}; null when there is none.
     */
    public BatchHeader translateOffset(long offset, int maxPosition) {
        Handles h = handles();
        return translateOffset(h, offset, maxPosition);
    }

    private BatchHeader translateOffset(Handles h, long offset, int maxPosition) {
        OffsetIndex.Entry hint = h.offsetIndex().lookup(offset);
        if (hint.position() < 0 || hint.position() > size) {
            return scanFromStart(h, offset, maxPosition, hint);
        }
        boolean first = true;
        for (BatchHeader b : h.log().headersFrom(hint.position(), maxPosition)) {
            if (first && hint.position() > 0 && (b.magic() != RecordBatchFormat.MAGIC_V2 || b.lastOffset() != hint.offset())) {
                return scanFromStart(h, offset, maxPosition, hint);
            }
            first = false;
            if (b.lastOffset() >= offset) {
                return b;
            }
        }
        if (first && hint.position() > 0 && hint.position() < maxPosition) {
            return scanFromStart(h, offset, maxPosition, hint);
        }
        return null;
    }

    /**
     * Every index entry names the batch at its position ({@code lastOffset -> position}); one that
     * does not means the index file was damaged after it was trusted (recovery rebuilds the indexes it
     * scans, so this is a file hurt behind our back). Answer from the log itself; a reopen rebuilds it.
     */
    private BatchHeader scanFromStart(Handles h, long offset, int maxPosition, OffsetIndex.Entry badHint) {
        warnDamagedIndex(h, badHint);
        for (BatchHeader b : h.log().headersFrom(0, maxPosition)) {
            if (b.lastOffset() >= offset) {
                return b;
            }
        }
        return null;
    }

    /**
     * Reads from the batch holding {@code startOffset}: up to {@code maxSize} bytes (at least the whole
     * first batch when {@code minOneBatch}), never past {@code maxPosition}. Null when no batch in
     * this segment holds {@code startOffset} or a later offset.
     */
    public SegmentRead read(long startOffset, int maxSize, int maxPosition, boolean minOneBatch) {
        Handles h = handles();
        // a bound taken before compaction swapped this segment in may name a position past its end
        maxPosition = Math.min(maxPosition, size);
        BatchHeader first = translateOffset(h, startOffset, maxPosition);
        if (first == null) {
            return null;
        }
        int start = (int) first.position();
        int adjustedMax = minOneBatch ? Math.max(maxSize, first.sizeInBytes()) : maxSize;
        int fetchSize = Math.max(0, Math.min(maxPosition - start, adjustedMax));
        try {
            return new SegmentRead(first, h.log().slice(start, fetchSize));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write out the buffered tail of " + h.log().file(), e);
        }
    }

    /** Where to start scanning for {@code offset}: the index's hint when it names a batch, else the file's start. */
    private int hintPosition(Handles h, long offset) {
        OffsetIndex.Entry e = h.offsetIndex().lookup(offset);
        if (e.position() == 0) {
            return 0;
        }
        if (e.position() < 0 || e.position() > size) {
            warnDamagedIndex(h, e);
            return 0;
        }
        for (BatchHeader b : h.log().headersFrom(e.position(), size)) {
            if (b.magic() == RecordBatchFormat.MAGIC_V2 && b.lastOffset() == e.offset()) {
                return e.position();
            }
            break;
        }
        warnDamagedIndex(h, e);
        return 0;
    }

    /**
     * An index entry that names no batch: the file was damaged after it was trusted (a clean start
     * checks only the last entry). An inactive segment's indexes are rebuilt from the log file at once;
     * readers meanwhile see a valid prefix of entries, so their hints stay right. The active segment's
     * writer owns its indexes, so its lookups scan the file until the next restart rebuilds them.
     */
    private void warnDamagedIndex(Handles h, OffsetIndex.Entry badEntry) {
        synchronized (openLock) {
            if (warnedAboutIndex) {
                return;
            }
            warnedAboutIndex = true;
            LOGGER.warn("The offset index of segment {} is damaged (entry {} does not name a batch); {}", h.log().file(), badEntry,
                    active ? "lookups scan the log file" : "rebuilding it");
            if (!active) {
                try {
                    rebuildIndexes(h, null);
                    h.offsetIndex().flush();
                    h.timeIndex().flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot rebuild the indexes of " + h.log().file(), e);
                }
                warnedAboutIndex = false;
            }
        }
    }

    /** The offset after the last batch: the log end offset when this is the last segment. */
    public long readNextOffset() {
        Handles h = handles();
        OffsetIndex.Entry last = h.offsetIndex().lastEntry();
        long next = baseOffset;
        for (BatchHeader b : h.log().headersFrom(last.position(), size)) {
            next = b.nextOffset();
        }
        return next;
    }

    /** The last batch's header, or empty when the segment is empty. */
    public Optional<BatchHeader> lastBatch() {
        Handles h = handles();
        BatchHeader lastBatch = null;
        for (BatchHeader b : h.log().headersFrom(h.offsetIndex().lastEntry().position(), size)) {
            lastBatch = b;
        }
        return Optional.ofNullable(lastBatch);
    }

    /** Every batch header of the segment, in order (for producer-state rebuild and tools). */
    public Iterable<BatchHeader> batches() {
        return handles().log().headersFrom(0, size);
    }

    /** The batch headers from the one holding {@code offset} (or the first after it) to the end. */
    public Iterable<BatchHeader> batchesFrom(long offset) {
        Handles h = handles();
        return h.log().headersFrom(hintPosition(h, offset), size);
    }

    /** Reads one whole batch into a heap buffer (ListOffsets and compaction only, not the fetch path). */
    public ByteBuffer readBatch(BatchHeader b) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(b.sizeInBytes());
        handles().log().readFully(buf, b.position());
        return buf.flip();
    }

    /** The first record at or after {@code timestamp} whose offset is at least {@code startingOffset}. */
    public Optional<TimestampAndOffset> findOffsetByTimestamp(long timestamp, long startingOffset) throws IOException {
        Handles h = handles();
        TimeIndex.Entry te = h.timeIndex().lookup(timestamp);
        int position = hintPosition(h, Math.max(te.offset(), startingOffset));
        for (BatchHeader b : h.log().headersFrom(position, size)) {
            if (b.maxTimestamp() >= timestamp && b.lastOffset() >= startingOffset) {
                ByteBuffer batch = readBatch(b);
                Optional<TimestampAndOffset> found = CompressedRecords.firstAtOrAfter(batch, 0, b.sizeInBytes(), timestamp, startingOffset);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The record holding this segment's largest timestamp (ListOffsets MAX_TIMESTAMP). */
    public Optional<TimestampAndOffset> maxTimestampRecord() throws IOException {
        long max = maxTimestampSoFar();
        if (max < 0) {
            return Optional.empty();
        }
        return findOffsetByTimestamp(max, baseOffset);
    }

    /** The largest batch timestamp in the segment, or -1 when no batch carries one. */
    public long maxTimestampSoFar() {
        if (maxTimestampSoFar == UNKNOWN) {
            loadLargestTimestamp();
        }
        return maxTimestampSoFar;
    }

    /**
     * The timestamp that time-based retention compares: the largest record timestamp, or the file's
     * modification time when no record carries a timestamp.
     */
    public long largestTimestamp() throws IOException {
        long max = maxTimestampSoFar();
        return max >= 0 ? max : Files.getLastModifiedTime(logFile()).toMillis();
    }

    private void ensureMaxTimestampLoaded(Handles h) {
        if (maxTimestampSoFar == UNKNOWN) {
            loadFromTimeIndex(h.timeIndex().lastEntry(), h);
        }
    }

    /** From the time index's last entry plus the batches after it (cheap; no mapping while closed). */
    private void loadLargestTimestamp() {
        Handles h = handles;
        if (h != null) {
            ensureMaxTimestampLoaded(h);
            return;
        }
        TimeIndex.Entry last = readLastTimeIndexEntry();
        if (!active && last != null) {
            maxTimestampSoFar = last.timestamp();
            offsetOfMaxTimestampSoFar = last.offset();
            return;
        }
        h = handles();
        ensureMaxTimestampLoaded(h);
    }

    private void loadFromTimeIndex(TimeIndex.Entry last, Handles h) {
        long max = last.timestamp();
        long offsetOfMax = last.offset();
        int position = hintPosition(h, last.offset());
        for (BatchHeader b : h.log().headersFrom(position, size)) {
            if (b.maxTimestamp() > max) {
                max = b.maxTimestamp();
                offsetOfMax = b.lastOffset();
            }
        }
        offsetOfMaxTimestampSoFar = offsetOfMax;
        maxTimestampSoFar = max;
    }

    private TimeIndex.Entry readLastTimeIndexEntry() {
        Path f = file(SegmentFileNames.TIME_INDEX);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long length = ch.size() - ch.size() % TimeIndexFormat.ENTRY_SIZE;
            if (length == 0) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate(TimeIndexFormat.ENTRY_SIZE);
            long p = length - TimeIndexFormat.ENTRY_SIZE;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, p + buf.position());
                if (n < 0) {
                    return null;
                }
            }
            long ts = buf.getLong(0);
            long offset = baseOffset + buf.getInt(8);
            return ts >= 0 && offset >= baseOffset ? new TimeIndex.Entry(ts, offset) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks every batch (size, magic, CRC-32C, offsets) from the start, rebuilds the indexes and cuts
     * the file after the last valid batch. {@code onValidBatch} sees each valid batch in order.
     *
     * @return bytes cut off
     */
    public int recover(Consumer<BatchHeader> onValidBatch) throws IOException {
        Handles h = handles();
        resetIndexes(h);
        SegmentScanner scanner = new SegmentScanner(h.log(), baseOffset);
        BatchHeader b;
        while ((b = scanner.next()) != null) {
            indexBatch(h, b);
            onValidBatch.accept(b);
        }
        int valid = scanner.validBytes();
        int truncated = h.log().truncateTo(valid);
        size = valid;
        if (truncated > 0) {
            LOGGER.warn("Segment {}: cut {} bytes after the last valid batch at {} ({})", h.log().file(), truncated, valid,
                    scanner.stopReason());
        }
        finishIndexes(h);
        txnIndex.truncateTo(readNextOffset());
        return truncated;
    }

    /** The transactions aborted by markers in this segment. */
    public TransactionIndex txnIndex() {
        return txnIndex;
    }

    /**
     * Removes every batch at or after the batch holding {@code offset}.
     *
     * @return bytes removed
     */
    public int truncateTo(long offset) throws IOException {
        Handles h = handles();
        BatchHeader first = translateOffset(h, offset, size);
        h.offsetIndex().truncateTo(offset);
        h.timeIndex().truncateTo(offset);
        txnIndex.truncateTo(offset);
        if (first == null) {
            return 0;
        }
        int removed = h.log().truncateTo((int) first.position());
        size = h.log().size();
        if (size == 0) {
            createdMs = time.milliseconds();
            rollingBasedTimestamp = RecordBatchFormat.NO_TIMESTAMP;
        }
        bytesSinceLastIndexEntry = 0;
        maxTimestampSoFar = UNKNOWN;
        ensureMaxTimestampLoaded(h);
        return removed;
    }

    /** Makes appended bytes durable; an inactive segment's indexes too (recovery trusts those). */
    public void flush() throws IOException {
        txnIndex.flush();
        Handles h = handles;
        if (h == null) {
            return;
        }
        h.log().flush();
        if (!active) {
            h.offsetIndex().flush();
            h.timeIndex().flush();
        }
    }

    /** Renames every file of the segment to carry {@code newSuffix} ({@code ""}, {@code .deleted}, {@code .swap}...). */
    public void changeSuffix(String newSuffix) throws IOException {
        synchronized (openLock) {
            Handles h = handles;
            for (String ext : EXTENSIONS) {
                Path from = file(ext);
                Path to = SegmentFileNames.file(dir, baseOffset, ext + newSuffix);
                if (h != null && ext.equals(SegmentFileNames.LOG)) {
                    h.log().renameTo(to);
                } else if (h != null && ext.equals(SegmentFileNames.INDEX)) {
                    h.offsetIndex().renameTo(to);
                } else if (h != null && ext.equals(SegmentFileNames.TIME_INDEX)) {
                    h.timeIndex().renameTo(to);
                } else if (Files.exists(from)) {
                    io.tributary.logstore.io.FileOps.atomicMove(from, to);
                }
            }
            suffix = newSuffix;
        }
    }

    /** Closes the files (clean shutdown): records the largest timestamp and trims the indexes. */
    public void close() throws IOException {
        synchronized (openLock) {
            Handles h = handles;
            if (h == null) {
                return;
            }
            ensureMaxTimestampLoaded(h);
            if (maxTimestampSoFar >= 0) {
                h.timeIndex().maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, true);
            }
            h.offsetIndex().close();
            h.timeIndex().close();
            h.log().close();
            handles = null;
            tracker.closed(this);
        }
    }

    /**
     * Closes an idle inactive segment's files to free the handle; in-flight sends keep a usable channel
     * through the tracker's grace period. The next use reopens them.
     */
    public boolean evict() {
        synchronized (openLock) {
            Handles h = handles;
            if (h == null || active) {
                return false;
            }
            handles = null;
            tracker.closeLater(() -> closeQuietly(h));
            return true;
        }
    }

    /** Makes this segment the active one again (after truncation removed the segments after it). */
    public void makeActive() throws IOException {
        active = true;
        Handles h = handles();
        h.offsetIndex().resize(config.maxIndexSize());
        h.timeIndex().resize(config.maxIndexSize());
    }

    /** Closes the files without writing anything (their directory is being deleted). */
    public void release() {
        Handles h;
        synchronized (openLock) {
            h = handles;
            handles = null;
        }
        if (h != null) {
            closeQuietly(h);
            tracker.closed(this);
        }
    }

    /** Deletes the files (after a {@link #changeSuffix} to {@code .deleted} and the delay). */
    public void deleteFiles() throws IOException {
        release();
        for (String ext : EXTENSIONS) {
            Files.deleteIfExists(file(ext));
        }
    }

    private static void closeQuietly(Handles h) {
        h.offsetIndex().release();
        h.timeIndex().release();
        try {
            h.log().close();
        } catch (IOException e) {
            LOGGER.debug("Closing {} failed", h.log().file(), e);
        }
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile() + ", size=" + size + (active ? ", active" : "") + ")";
    }
}
