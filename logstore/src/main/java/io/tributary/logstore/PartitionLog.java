package io.tributary.logstore;

import io.tributary.logstore.epoch.EpochEntry;
import io.tributary.logstore.epoch.LeaderEpochCache;
import io.tributary.logstore.producer.ActiveProducer;
import io.tributary.logstore.producer.BatchMetadata;
import io.tributary.logstore.producer.ProducerSnapshots;
import io.tributary.logstore.producer.ProducerStateLoader;
import io.tributary.logstore.producer.ProducerStateManager;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.record.BatchOffsetAssigner;
import io.tributary.logstore.record.BatchValidator;
import io.tributary.logstore.record.RecordBatchFormat;
import io.tributary.logstore.record.ValidatedBatches;
import io.tributary.logstore.record.ValidationRules;
import io.tributary.logstore.recovery.LoadedLogOffsets;
import io.tributary.logstore.recovery.LogLoader;
import io.tributary.logstore.segment.LogSegments;
import io.tributary.logstore.segment.SegmentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: appends from the leader, reads for consumers and replicas, the offsets
 * that bound them (log start, high watermark, last stable, log end), idempotent producers, leader
 * epochs, durability. Open one through {@link LogManager}.
 *
 * <p>Threading: any thread may call any method. Appends (and truncation, deletion of records,
 * config changes) serialise on the log's lock, which is held for validation of producer state,
 * offset assignment and the write to the page cache, never for an fsync. Reads take no lock. The
 * flusher fsyncs without the lock and only takes it to publish what became durable.
 */
public final class PartitionLog {
    private static final Logger LOGGER = LoggerFactory.getLogger(PartitionLog.class);

    private final TopicPartition topicPartition;
    private final UUID topicId;
    private final LogEnvironment env;
    private final ReentrantLock lock = new ReentrantLock();
    private final LocalLog local;
    private final ProducerStateManager producers;
    private final LeaderEpochCache epochs;
    private final ProducerSnapshots snapshots;
    private final SegmentRoller roller;
    private final LogRetention retention = new LogRetention(this);
    private final HighWatermark highWatermark;
    private final LogDurability durability;
    private final LogReader reader;
    private volatile LogConfig config;
    private volatile long logStartOffset;
    private volatile long firstUnstableOffset = Long.MAX_VALUE;
    private volatile LogStoreException failure;
    /** Bumped by every truncation, so a flush that overlapped one publishes nothing. */
    private long truncations;

    private PartitionLog(TopicPartition tp, UUID topicId, LogConfig config, LogEnvironment env, LocalLog local,
            ProducerStateManager producers, LeaderEpochCache epochs, LoadedLogOffsets loaded, long highWatermarkCheckpoint) {
        this.topicPartition = tp;
        this.topicId = topicId;
        this.config = config;
        this.env = env;
        this.local = local;
        this.producers = producers;
        this.epochs = epochs;
        this.snapshots = new ProducerSnapshots(local.dir());
        this.roller = new SegmentRoller(tp, env, snapshots);
        this.logStartOffset = loaded.logStartOffset();
        long hw = Math.max(loaded.logStartOffset(), Math.min(highWatermarkCheckpoint, loaded.nextOffset()));
        this.highWatermark = new HighWatermark(tp, env.highWatermarkListener(), local.offsetMetadata(hw));
        this.reader = new LogReader(this, local);
        this.durability = new LogDurability(this, local, epochs, highWatermark, env, loaded.recoveryPoint());
        updateFirstUnstableOffset();
    }

    /**
     * Opens (creating when absent) the log in {@code dir}: loads and, after an unclean stop, repairs it.
     *
     * @param checkpoints the partition's entries of the directory's checkpoints: recovery point, log
     *     start offset and high watermark (0 when unknown)
     */
    static PartitionLog open(Path dir, TopicPartition tp, UUID topicId, LogConfig config, LogEnvironment env, long[] checkpoints,
            boolean hadCleanShutdown) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        SegmentConfig segmentConfig = new SegmentConfig(config.indexIntervalBytes(), config.segmentIndexBytes(), env.writeBuffers());
        LogSegments segments = new LogSegments();
        ProducerStateManager producers = new ProducerStateManager(tp.dirName());
        LeaderEpochCache epochs = LeaderEpochCache.load(dir);
        LoadedLogOffsets loaded = LogLoader.load(new LogLoader.Params(dir, segmentConfig, env.time(), env.handles(), segments,
                producers, epochs, checkpoints[0], checkpoints[1], hadCleanShutdown));
        LogOffsetMetadata end = new LogOffsetMetadata(loaded.nextOffset(), loaded.activeSegmentBase(), loaded.activeSegmentSize());
        LocalLog local = new LocalLog(dir, segments, segmentConfig, end, env.time(), env.scheduler(), env.handles());
        PartitionLog log = new PartitionLog(tp, topicId, config, env, local, producers, epochs, loaded, checkpoints[2]);
        if (loaded.truncatedBytes() > 0) {
            LOGGER.warn("{}: recovery cut {} bytes of torn or corrupt data; the log ends at offset {}", tp, loaded.truncatedBytes(),
                    loaded.nextOffset());
        }
        return log;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public UUID topicId() {
        return topicId;
    }

    public LogConfig config() {
        return config;
    }

    public Path dir() {
        return local.dir();
    }

    /**
     * Appends record batches from a producer as the partition's leader: validates them (format,
     * CRC, sizes, producer epoch and sequence), assigns offsets and the leader epoch by rewriting
     * the batches in {@code records} in place (and the timestamp under LogAppendTime), and writes
     * them to the page cache. No fsync happens on the caller's thread: {@link AppendResult#durable()}
     * completes when a flusher has made the bytes durable.
     *
     * <p>A retry of one of a producer's last five batches is answered with the original offsets
     * ({@link AppendResult#duplicate()}), as Kafka does.
     *
     * @param records one or more v2 record batches, between position and limit; modified in place
     * @throws CorruptRecordException, InvalidRecordException, RecordTooLargeException,
     *     RecordBatchTooLargeException, InvalidTimestampException, OutOfOrderSequenceException,
     *     InvalidProducerEpochException: the log is left untouched
     * @throws LogStorageException when the log is poisoned by an earlier I/O failure
     * @throws LogClosedException when the log was closed or deleted
     */
    public AppendResult appendAsLeader(ByteBuffer records, int leaderEpoch) {
        return appendAsLeader(records, leaderEpoch, AppendOrigin.CLIENT);
    }

    /** {@link #appendAsLeader(ByteBuffer, int)} for a given origin (the transaction coordinator writes markers). */
    public AppendResult appendAsLeader(ByteBuffer records, int leaderEpoch, AppendOrigin origin) {
        checkUsable();
        LogConfig cfg = config;
        long now = env.time().milliseconds();
        ValidatedBatches batches = validate(records, cfg.validationRules(origin == AppendOrigin.COORDINATOR), cfg, now);
        AppendResult result;
        boolean wakeFlusher;
        lock.lock();
        try {
            checkUsable();
            BatchMetadata duplicate = producers.check(batches.batches(), origin == AppendOrigin.CLIENT, logStartOffset > 0 || cfg.compact());
            if (duplicate != null) {
                return duplicateResult(duplicate, cfg);
            }
            result = appendValidated(records, batches, leaderEpoch, cfg, now);
            wakeFlusher = durability.wakeNeeded(result.firstOffset(), cfg);
        } finally {
            lock.unlock();
        }
        if (wakeFlusher) {
            durability.wakeFlusher();
        }
        return result;
    }

    private static ValidatedBatches validate(ByteBuffer records, ValidationRules rules, LogConfig cfg, long now) {
        ValidatedBatches batches = BatchValidator.validate(records, rules, now);
        if (batches.sizeInBytes() > cfg.segmentBytes()) {
            throw new RecordBatchTooLargeException("append of " + batches.sizeInBytes() + " bytes exceeds segment.bytes " + cfg.segmentBytes());
        }
        return batches;
    }

    private AppendResult appendValidated(ByteBuffer records, ValidatedBatches batches, int leaderEpoch, LogConfig cfg, long now) {
        long firstOffset = local.logEndOffset();
        long lastOffset = firstOffset + batches.offsetCount() - 1;
        long appendTime = cfg.logAppendTime() ? now : RecordBatchFormat.NO_TIMESTAMP;
        long next = firstOffset;
        for (BatchHeader h : batches.batches()) {
            BatchOffsetAssigner.assign(records, h, next, leaderEpoch, appendTime);
            next += h.lastOffsetDelta() + 1L;
        }
        CompletableFuture<Void> durable = write(records, batches, lastOffset, cfg.logAppendTime() ? now : batches.maxTimestamp(), cfg, now);
        epochs.assign(leaderEpoch, firstOffset);
        return new AppendResult(firstOffset, lastOffset, appendTime, logStartOffset, false, durable);
    }

    /**
     * Appends batches a follower copied from its leader, as they are (Kafka's {@code appendAsFollower}):
     * checks their framing and CRC-32C only (the leader validated the rest, and control batches and
     * coordinator writes are welcome), keeps the leader's offsets, leader epochs and timestamps, so the
     * follower's log becomes byte for byte the leader's. Each batch's leader epoch enters the epoch
     * cache, and every batch the producer state, unchecked, so that this node, once leader, answers a
     * producer's retry of a batch it copied with the original offsets. Segments roll, transactions are
     * indexed and {@link AppendResult#durable()} completes as for {@link #appendAsLeader}.
     *
     * @param records the batches of a Fetch response, between position and limit; not modified. None: a
     *     no-op whose result takes no offsets ({@code lastOffset = firstOffset - 1}) and is durable at once
     * @throws UnexpectedAppendOffsetException when the first batch starts below the log end offset or a
     *     batch below the end of the one before it; a batch may start above (gaps a leader's compaction
     *     left). The log is left untouched, as for CorruptRecordException and RecordBatchTooLargeException
     */
    public AppendResult appendAsFollower(ByteBuffer records) {
        checkUsable();
        if (!records.hasRemaining()) {
            long end = logEndOffset();
            return new AppendResult(end, end - 1, RecordBatchFormat.NO_TIMESTAMP, logStartOffset, false, CompletableFuture.completedFuture(null));
        }
        LogConfig cfg = config;
        long now = env.time().milliseconds();
        ValidatedBatches batches = validate(records, ValidationRules.REPLICATION, cfg, now);
        AppendResult result;
        boolean wakeFlusher;
        lock.lock();
        try {
            checkUsable();
            long previousEnd = local.logEndOffset();
            ReplicatedBatches.checkOffsets(topicPartition, batches, previousEnd);
            long lastOffset = batches.batches().get(batches.batches().size() - 1).lastOffset();
            CompletableFuture<Void> durable = write(records, batches, lastOffset, batches.maxTimestamp(), cfg, now);
            for (BatchHeader h : batches.batches()) {
                epochs.assign(h.partitionLeaderEpoch(), h.baseOffset());
            }
            result = new AppendResult(batches.first().baseOffset(), lastOffset, RecordBatchFormat.NO_TIMESTAMP, logStartOffset, false, durable);
            wakeFlusher = durability.wakeNeeded(previousEnd, cfg);
        } finally {
            lock.unlock();
        }
        if (wakeFlusher) {
            durability.wakeFlusher();
        }
        return result;
    }

    /**
     * Writes batches whose offsets are final, ending at {@code lastOffset}, rolling first when due, and
     * applies them to the producer state and transaction index. Under the lock.
     *
     * @return the append's durability future
     */
    private CompletableFuture<Void> write(ByteBuffer records, ValidatedBatches batches, long lastOffset, long rollTimestamp, LogConfig cfg,
            long now) {
        long previousEnd = local.logEndOffset();
        try {
            if (roller.maybeRoll(local, producers, batches.sizeInBytes(), rollTimestamp, lastOffset, now, cfg)) {
                durability.forceFlush();
            }
            local.append(records, lastOffset);
            AbortedTransactions.applyWritten(producers, local.activeSegment(), records, batches.batches());
        } catch (IOException | UncheckedIOException e) {
            throw poison(e);
        }
        updateFirstUnstableOffset();
        return durability.appended(previousEnd, lastOffset + 1);
    }

    /**
     * The aborted transactions a read_committed consumer reading from {@code fetchOffset} up to
     * {@code upperBound} must know of, to drop their records (Fetch returns them with the data).
     */
    public List<AbortedTxn> abortedTransactions(long fetchOffset, long upperBound) {
        try {
            return AbortedTransactions.overlapping(local.segments(), fetchOffset, upperBound);
        } catch (IOException e) {
            throw new LogStorageException("cannot read the transaction index of " + topicPartition, e);
        }
    }

    private AppendResult duplicateResult(BatchMetadata d, LogConfig cfg) {
        CompletableFuture<Void> durable = durability.duplicate(d.lastOffset());
        long appendTime = cfg.logAppendTime() ? d.timestamp() : RecordBatchFormat.NO_TIMESTAMP;
        return new AppendResult(d.firstOffset(), d.lastOffset(), appendTime, logStartOffset, true, durable);
    }

    private void updateFirstUnstableOffset() {
        firstUnstableOffset = producers.firstUnstableOffset().orElse(Long.MAX_VALUE);
    }

    /**
     * Reads from {@code fetchOffset}: whole batches up to {@code maxBytes} (the last one possibly cut
     * short), never past the bound of {@code isolation}. With {@code minOneBatch} the first batch is
     * returned whole even when larger than {@code maxBytes}, as Kafka does for the first partition of
     * a Fetch. Reads at or past the bound return an empty slice; the Kafka layer then waits.
     *
     * @throws OffsetOutOfRangeException when {@code fetchOffset} is below the log start offset or
     *     above the log end offset; it carries the valid range
     */
    public ReadResult read(long fetchOffset, int maxBytes, FetchIsolation isolation, boolean minOneBatch) {
        return reader.read(fetchOffset, maxBytes, isolation, minOneBatch);
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return local.logEndOffset();
    }

    /**
     * The offset below which records are visible to consumers. On a single node it follows
     * durability: it advances to what a flusher fsynced, so a consumer never sees a record that a
     * crash could take back.
     */
    public long highWatermark() {
        return highWatermark.offset();
    }

    /** The offset below which no transaction is open (read_committed consumers stop here). */
    public long lastStableOffset() {
        return Math.min(highWatermark.offset(), firstUnstableOffset);
    }

    /** Offsets below this are on disk (fsynced). */
    public long recoveryPoint() {
        return durability.recoveryPoint();
    }

    /** Bytes in all segments. */
    public long sizeInBytes() {
        return local.segments().sizeInBytes();
    }

    public int numberOfSegments() {
        return local.segments().size();
    }

    /** Calls {@code listener} whenever this log's high watermark advances (on a flusher thread; keep it short). */
    public void addHighWatermarkListener(HighWatermarkListener listener) {
        highWatermark.addListener(listener);
    }

    public void removeHighWatermarkListener(HighWatermarkListener listener) {
        highWatermark.removeListener(listener);
    }

    /**
     * Caps the high watermark for replication: it becomes {@code max(hw, min(durableEndOffset(), bound))}.
     * A leader sets the smallest offset its in-sync followers have durably fetched (its own durable
     * offset counts through {@link #durableEndOffset()}), a follower its leader's high watermark, so
     * that consumers only see what every in-sync replica has fsynced (ADR 001). Raising it may move
     * the high watermark at once (listeners and {@link #awaitHighWatermark} waiters hear of it);
     * lowering it never moves the high watermark back. {@link Long#MAX_VALUE}, the default, is a
     * single node: the high watermark follows local durability.
     */
    public void updateHighWatermarkBound(long bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("high watermark bound " + bound + " is negative");
        }
        long hw;
        lock.lock();
        try {
            checkUsable();
            highWatermark.setBound(bound);
            hw = highWatermark.advance(LogOffsetMetadata.of(durability.recoveryPoint()), local);
        } finally {
            lock.unlock();
        }
        if (hw >= 0) {
            highWatermark.announce(hw);
        }
    }

    /** The bound last set by {@link #updateHighWatermarkBound} or {@link #forceHighWatermark}; {@link Long#MAX_VALUE} by default. */
    public long highWatermarkBound() {
        return highWatermark.bound();
    }

    /**
     * The offset below which this log is fsynced, as the flusher last published it (the same value
     * as {@link #recoveryPoint()}). A leader counts it as its own entry of the in-sync replicas'
     * durable offsets, whose minimum is the {@linkplain #updateHighWatermarkBound bound}.
     */
    public long durableEndOffset() {
        return durability.recoveryPoint();
    }

    /**
     * Sets the high watermark to {@code hw} held within [log start, log end], backwards too, and the
     * bound to the same value. Only for followers: one that truncated or started afresh may be told a
     * high watermark by its leader lower than its own (Kafka's follower {@code updateHighWatermark}),
     * and must not serve records above it. Waiters already completed stay completed.
     */
    public void forceHighWatermark(long hw) {
        long advanced;
        lock.lock();
        try {
            checkUsable();
            long clamped = Math.max(logStartOffset, Math.min(hw, local.logEndOffset()));
            advanced = highWatermark.force(local.offsetMetadata(clamped));
        } finally {
            lock.unlock();
        }
        if (advanced >= 0) {
            highWatermark.announce(advanced);
        }
    }

    /**
     * Completes when the high watermark reaches {@code offset} (at once when it has): what
     * {@code acks=all} waits on, with the append's {@code lastOffset + 1}. Completes on the thread
     * that moved the high watermark (a flusher, or a caller of {@link #updateHighWatermarkBound});
     * attach only non-blocking callbacks. Fails with {@link AppendTruncatedException} when the log is
     * truncated below {@code offset} first, with {@link LogClosedException} or
     * {@link LogStorageException} when the log is closed or poisoned before.
     */
    public CompletableFuture<Void> awaitHighWatermark(long offset) {
        lock.lock();
        try {
            return highWatermark.await(offset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * ListOffsets: the first record with a timestamp at or after {@code timestamp}, or one of the
     * special timestamps of {@link TimestampAndOffset} (EARLIEST, LATEST, MAX_TIMESTAMP,
     * EARLIEST_LOCAL). Only offsets below the bound of {@code isolation} are answered; LATEST is that
     * bound itself.
     */
    public Optional<TimestampAndOffset> fetchOffsetByTimestamp(long timestamp, FetchIsolation isolation) {
        long bound = isolation == FetchIsolation.LOG_END ? logEndOffset()
                : isolation == FetchIsolation.TXN_COMMITTED ? lastStableOffset() : highWatermark();
        try {
            return new OffsetLookup(local.segments(), epochs, logStartOffset).byTimestamp(timestamp, bound);
        } catch (IOException | UncheckedIOException e) {
            throw new LogStorageException("cannot look up offsets of " + topicPartition + " by timestamp", e);
        }
    }

    /**
     * DeleteRecords: moves the log start offset to {@code offset} (-1 for the high watermark); whole
     * segments below it are deleted in the background.
     *
     * @return the new log start offset (the low watermark), once it is durable
     * @throws OffsetOutOfRangeException when {@code offset} is above the high watermark
     */
    public CompletableFuture<Long> deleteRecordsBefore(long offset) {
        return retention.deleteRecordsBefore(offset);
    }

    /** Deletes whole segments that lie below the log start offset. */
    void deleteSegmentsBelowLogStart() {
        retention.deleteOldSegments(false);
    }

    /**
     * Applies retention: deletes the oldest segments past {@code retention.ms} or
     * {@code retention.bytes} (when {@code cleanup.policy} includes delete) or below the log start
     * offset, and moves the log start offset to the first remaining segment.
     *
     * @return the number of segments deleted
     */
    public int deleteOldSegments() {
        return retention.deleteOldSegments(true);
    }

    /** Moves the log start offset forward to {@code newStart} (never back), under the lock. @return true when it moved */
    boolean moveLogStartOffset(long newStart) {
        if (newStart <= logStartOffset) {
            return false;
        }
        logStartOffset = newStart;
        producers.truncateFromStart(newStart);
        epochs.truncateFromStart(newStart);
        updateFirstUnstableOffset();
        return true;
    }

    /** The producers with state in this partition (DescribeProducers). */
    public List<ActiveProducer> activeProducers() {
        lock.lock();
        try {
            return producers.activeProducers();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets idempotent producers idle for {@code expirationMs} ({@code producer.id.expiration.ms}). */
    void removeExpiredProducers(long expirationMs) {
        lock.lock();
        try {
            producers.removeExpired(env.time().milliseconds(), expirationMs);
        } finally {
            lock.unlock();
        }
    }

    /** OffsetsForLeaderEpoch: the largest epoch at most {@code epoch} and where it ends. */
    public Optional<EpochEntry> endOffsetForEpoch(int epoch) {
        return epochs.endOffsetFor(epoch, logEndOffset());
    }

    public OptionalInt latestEpoch() {
        return epochs.latestEpoch();
    }

    /**
     * Records that leader epoch {@code epoch} starts at {@code startOffset} (the log end offset of a
     * node becoming leader), and writes the epoch checkpoint at once, so that OffsetsForLeaderEpoch
     * answers for the new epoch before its first append, and followers truncating by it find where
     * the previous epoch ended (Kafka's {@code maybeAssignEpochStartOffset}). An epoch not newer
     * than the latest is ignored. Writes a file on the caller's thread: call it from the thread that
     * applies leadership changes, never from an event loop. (Recovery drops an epoch with no record
     * in the log, as Kafka's does: a node that restarts is given a new epoch anyway.)
     *
     * @throws IllegalArgumentException when {@code startOffset} is past the log end offset
     * @throws LogStorageException when the checkpoint cannot be written (the log is then poisoned)
     */
    public void assignLeaderEpoch(int epoch, long startOffset) {
        lock.lock();
        try {
            checkUsable();
            if (startOffset > local.logEndOffset()) {
                throw new IllegalArgumentException("epoch " + epoch + " cannot start at " + startOffset + ", past the end of " + this);
            }
            epochs.assign(epoch, startOffset);
        } finally {
            lock.unlock();
        }
        try {
            epochs.flush();
        } catch (IOException | UncheckedIOException e) {
            throw poison(e);
        }
    }

    /** Changes the log's configuration; segment settings apply to later segments and index entries. */
    public void updateConfig(LogConfig newConfig) {
        lock.lock();
        try {
            config = newConfig;
            local.segmentConfig().update(newConfig.indexIntervalBytes(), newConfig.segmentIndexBytes());
        } finally {
            lock.unlock();
        }
        durability.wakeFlusher();
    }

    /** Asks for a flush now, whatever the flush policy (the returned durability of earlier appends follows). */
    public void requestFlush() {
        durability.requestFlush();
    }

    // ---- replication ----

    /**
     * Removes everything at or after {@code targetOffset} (a follower diverged from its leader).
     * Waiting appends above the new end fail with {@link AppendTruncatedException}.
     *
     * @return true when anything was removed
     */
    public boolean truncateTo(long targetOffset) {
        lock.lock();
        try {
            checkUsable();
            if (targetOffset >= local.logEndOffset()) {
                return false;
            }
            if (targetOffset < logStartOffset) {
                truncateFullyAndStartAtLocked(targetOffset);
                return true;
            }
            truncations++;
            local.truncateTo(targetOffset, config.fileDeleteDelayMs());
            if (local.logEndOffset() < logStartOffset) {
                // the batch holding the target began below the log start: nothing readable is left
                truncateFullyAndStartAtLocked(logStartOffset);
                return true;
            }
            afterTruncation(local.logEndOffset());
            return true;
        } catch (IOException | UncheckedIOException e) {
            throw poison(e);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the whole log and restarts it, empty, at {@code newOffset} (a follower far behind its leader). */
    public void truncateFullyAndStartAt(long newOffset) {
        lock.lock();
        try {
            checkUsable();
            truncateFullyAndStartAtLocked(newOffset);
        } catch (IOException | UncheckedIOException e) {
            throw poison(e);
        } finally {
            lock.unlock();
        }
    }

    private void truncateFullyAndStartAtLocked(long newOffset) throws IOException {
        truncations++;
        snapshots.deleteAbove(-1);
        local.truncateFullyAndStartAt(newOffset, config.fileDeleteDelayMs());
        logStartOffset = newOffset;
        epochs.clear();
        afterTruncation(Long.MIN_VALUE); // nothing was kept: every waiter left lost its data
        env.logStartOffsetCheckpoint().apply(this);
    }

    /** @param keptEnd the offset below which the data from before the truncation is kept */
    private void afterTruncation(long keptEnd) {
        long end = local.logEndOffset();
        AppendTruncatedException truncated = new AppendTruncatedException(topicPartition + " was truncated to offset " + end);
        highWatermark.truncatedTo(local.logEndOffsetMetadata(), logStartOffset, keptEnd, truncated);
        epochs.truncateFromEnd(end);
        env.onTruncated().accept(topicPartition, end);
        try {
            ProducerStateLoader.rebuild(snapshots, local.segments(), producers, logStartOffset, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        updateFirstUnstableOffset();
        durability.truncatedTo(end, keptEnd, truncated);
    }

    // ---- lifecycle ----

    void checkUsable() {
        LogStoreException f = failure;
        if (f instanceof LogClosedException) {
            throw new LogClosedException(f.getMessage());
        }
        if (f != null) {
            throw new LogStorageException(f.getMessage(), f);
        }
    }

    /** Marks the log failed by an I/O error: every waiting and later append fails. */
    LogStorageException poison(Exception e) {
        LogStorageException ex = new LogStorageException("I/O failure on " + topicPartition + ": " + e.getMessage(), e);
        boolean first;
        lock.lock();
        try {
            first = failure == null;
            if (first) {
                failure = ex;
            }
        } finally {
            lock.unlock();
        }
        if (first) {
            LOGGER.error("Log {} is poisoned by an I/O failure; it refuses appends until the broker restarts", topicPartition, e);
            failWaiters(ex);
        }
        return ex;
    }

    /** Fails every append waiting to be durable and every high watermark waiter, now and later. */
    private void failWaiters(RuntimeException cause) {
        durability.failAll(cause);
        highWatermark.failAll(cause);
    }

    public boolean isPoisoned() {
        return failure instanceof LogStorageException;
    }

    /**
     * Flushes everything, completes the remaining waiters and closes the segments (clean shutdown).
     * Later appends and reads fail with {@link LogClosedException}.
     */
    void close() {
        lock.lock();
        try {
            if (failure instanceof LogClosedException) {
                return;
            }
            if (failure == null) {
                LogOffsetMetadata end = local.logEndOffsetMetadata();
                try {
                    local.flushRange(durability.recoveryPoint(), end.offset());
                    epochs.flush();
                    snapshots.write(ProducerSnapshots.capture(producers));
                    durability.closedAt(end.offset());
                    highWatermark.advance(end, local);
                    highWatermark.completeWaiters();
                } catch (IOException | UncheckedIOException e) {
                    LOGGER.error("Final flush of {} failed", topicPartition, e);
                    failure = new LogStorageException("final flush failed: " + e.getMessage(), e);
                }
            }
            if (failure == null) {
                local.close();
            } else {
                local.releaseAll();
            }
            LogClosedException closed = new LogClosedException(topicPartition + " is closed");
            failure = closed;
            failWaiters(closed);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the log without flushing, for deletion: waiters fail, files are released. */
    void closeForDeletion() {
        lock.lock();
        try {
            LogClosedException closed = new LogClosedException(topicPartition + " was deleted");
            failure = closed;
            failWaiters(closed);
        } finally {
            lock.unlock();
        }
    }

    /** Releases the files of a deleted log (after the grace period). */
    void releaseFiles() {
        local.releaseAll();
    }

    LocalLog localLog() {
        return local;
    }

    LogOffsetMetadata highWatermarkMetadata() {
        return highWatermark.metadata();
    }

    /** The leader epochs and where each starts, oldest first. */
    List<EpochEntry> epochEntries() {
        return epochs.entries();
    }

    // ---- for the cleaner (CleanablePartitionLog), under the lock ----

    boolean isFailed() {
        return failure != null;
    }

    long truncationCount() {
        return truncations;
    }

    Map<Long, Long> producerLastDataOffsets() {
        return producers.lastDataOffsets();
    }

    /** The high watermark's position may lie in a segment compaction replaced: look it up again. */
    void refreshHighWatermarkPosition(long replacedBaseOffset, long replacedEnd) {
        highWatermark.refreshPosition(local, replacedBaseOffset, replacedEnd);
    }

    LogEnvironment env() {
        return env;
    }

    LogDurability durability() {
        return durability;
    }

    ReentrantLock lock() {
        return lock;
    }

    @Override
    public String toString() {
        return "PartitionLog(" + topicPartition + ", start=" + logStartOffset + ", hw=" + highWatermark() + ", end=" + logEndOffset() + ")";
    }
}
