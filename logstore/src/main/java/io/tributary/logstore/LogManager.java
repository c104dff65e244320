package io.tributary.logstore;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.cleaner.CleanableLog;
import io.tributary.logstore.cleaner.CleanerConfig;
import io.tributary.logstore.cleaner.LogCleaner;
import io.tributary.logstore.flush.LogFlusher;
import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.recovery.CleanShutdownMarker;
import io.tributary.logstore.segment.SegmentSwap;
import io.tributary.logstore.segment.SegmentHandleCache;
import io.tributary.logstore.segment.ChunkWriters;
import io.tributary.logstore.segment.WriteBufferPool;
import io.tributary.logstore.time.ExecutorScheduler;
import io.tributary.logstore.time.Scheduler;
import io.tributary.logstore.time.Time;
import io.tributary.logstore.topic.TopicDescription;
import io.tributary.logstore.topic.TopicLogs;
import io.tributary.logstore.topic.TopicRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of the broker, in one logs directory ({@code data/logs}): opens the logs of
 * every registered topic at start-up (recovering them after an unclean stop), runs the flushers and
 * background tasks, and owns the {@link TopicRegistry} through which topics come and go (also those
 * another node of a cluster creates or deletes: the registry follows the metadata store).
 *
 * <p>{@link #close()} flushes every log, writes the checkpoints and the clean-shutdown marker, so
 * the next start scans nothing.
 *
 * <p>Threading: thread-safe. Creating and deleting logs happens on an admin thread; flushes on the
 * flusher threads ({@code log.flush.threads}); retention, checkpoints and delayed deletions on the
 * scheduler's threads; compaction on the {@link LogCleaner}'s threads ({@code log.cleaner.threads},
 * or the given scheduler's when one was passed to the builder).
 */
public final class LogManager implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(LogManager.class);
    static final String DELETE_DIR_SUFFIX = "-delete";
    static final String STRAY_DIR_SUFFIX = "-stray";

    private final Path logsDir;
    private final BrokerConfig brokerConfig;
    private final LogConfig brokerDefaults;
    private final Time time;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final LogFlusher flusher;
    private final SegmentHandleCache handles;
    private final ExecutorService admin;
    private final ConcurrentHashMap<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<HighWatermarkListener> highWatermarkListeners = new CopyOnWriteArrayList<>();
    private final LogEnvironment env;
    private final OffsetCheckpoints checkpoints;
    private final TopicRegistry topics;
    private final LogCleaner cleaner;
    private final List<Future<?>> periodicTasks = new ArrayList<>();
    private boolean hadCleanShutdown;
    private volatile boolean closed;
    private final ChunkWriters chunkWriters;

    private LogManager(Builder b) {
        this.logsDir = b.logsDir.toAbsolutePath().normalize();
        this.brokerConfig = b.brokerConfig;
        this.brokerDefaults = LogConfig.brokerDefaults(b.brokerConfig);
        this.time = b.time;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : new ExecutorScheduler("logstore-scheduler", 2);
        this.flusher = new LogFlusher(brokerConfig.get(LogSettings.FLUSH_THREADS), time);
        this.handles = new SegmentHandleCache(brokerConfig.get(LogSettings.MAX_OPEN_SEGMENTS), scheduler,
                brokerDefaults.fileDeleteDelayMs());
        this.admin = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "logstore-admin");
            t.setDaemon(true);
            return t;
        });
        this.checkpoints = new OffsetCheckpoints(logsDir, this::allLogs);
        CleanerConfig cleanerConfig = CleanerConfig.from(brokerConfig);
        this.cleaner = cleanerConfig.enabled()
                ? new LogCleaner(cleanerConfig, logsDir, this::cleanableLogs, time, b.scheduler, b.swapListener) : null;
        // idle buffers kept for reuse (4 MiB of them): enough for the partitions of a burst of appends between two fsyncs
        this.chunkWriters = new ChunkWriters(brokerConfig.get(LogSettings.WRITER_THREADS));
        int bufferBytes = brokerConfig.get(LogSettings.WRITE_BUFFER_BYTES);
        int idleBuffers = Math.max(4, (4 << 20) / Math.max(1, bufferBytes));
        WriteBufferPool writeBuffers = new WriteBufferPool(bufferBytes, idleBuffers, chunkWriters);
        this.env = new LogEnvironment(time, scheduler, flusher, handles, writeBuffers, this::notifyHighWatermark,
                log -> checkpoints.request(scheduler), this::onTruncated);
        this.topics = new TopicRegistry(b.metadataStore, new Logs(), brokerDefaults);
    }

    /** Opens the logs directory with the broker's settings, on the system clock. */
    public static LogManager open(Path logsDir, BrokerConfig config, MetadataStore metadataStore) {
        return builder(logsDir, metadataStore).brokerConfig(config).build();
    }

    public static Builder builder(Path logsDir, MetadataStore metadataStore) {
        return new Builder(logsDir, metadataStore);
    }

    /** Configures a {@link LogManager}; {@link #build()} opens it. */
    public static final class Builder {
        private final Path logsDir;
        private final MetadataStore metadataStore;
        private BrokerConfig brokerConfig = BrokerConfig.defaults();
        private Time time = Time.SYSTEM;
        private Scheduler scheduler;
        private SegmentSwap.Listener swapListener = SegmentSwap.Listener.NONE;

        private Builder(Path logsDir, MetadataStore metadataStore) {
            this.logsDir = logsDir;
            this.metadataStore = metadataStore;
        }

        public Builder brokerConfig(BrokerConfig config) {
            this.brokerConfig = config;
            return this;
        }

        public Builder time(Time t) {
            this.time = t;
            return this;
        }

        /** A scheduler to run background tasks on (tests pass one driven by a mock clock); closed with the manager. */
        public Builder scheduler(Scheduler s) {
            this.scheduler = s;
            return this;
        }

        /** Observes every compaction swap's steps (crash tests copy the directory at each one). */
        public Builder swapListener(SegmentSwap.Listener listener) {
            this.swapListener = listener;
            return this;
        }

        /**
         * Opens the directory: loads every registered topic's logs, recovering them when the previous
         * run did not stop cleanly.
         *
         * @throws LogStorageException when the directory cannot be used
         */
        public LogManager build() {
            LogManager m = new LogManager(this);
            try {
                m.start();
            } catch (IOException | RuntimeException e) {
                m.closeQuietly();
                if (e instanceof LogStoreException lse) {
                    throw lse;
                }
                throw new LogStorageException("cannot open the logs directory " + m.logsDir + ": " + e.getMessage(), e);
            }
            return m;
        }
    }

    private void start() throws IOException {
        Files.createDirectories(logsDir);
        hadCleanShutdown = CleanShutdownMarker.consume(logsDir);
        OffsetCheckpoints.Loaded loaded = checkpoints.load();
        if (!loaded.readable()) {
            hadCleanShutdown = false;
        }
        removeDeletedDirectories();
        List<TopicDescription> registered = topics.load();
        long t0 = time.nanoseconds();
        for (TopicDescription t : registered) {
            for (TopicPartition tp : t.topicPartitions()) {
                openLog(tp, t.topicId(), t.config(), loaded.forPartition(tp), hadCleanShutdown);
            }
        }
        moveStrayDirectories();
        topics.follow();
        LOGGER.info("Opened {} partition logs of {} topics in {} ms ({})", logs.size(), registered.size(),
                TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - t0), hadCleanShutdown ? "clean start" : "recovered after an unclean stop");
        for (PartitionLog log : logs.values()) {
            if (log.recoveryPoint() < log.logEndOffset()) {
                log.durability().wakeFlusher();
            }
        }
        long checkpointMs = brokerConfig.get(LogSettings.FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS);
        periodicTasks.add(scheduler.schedulePeriodic("checkpoint-offsets", this::writeCheckpointsQuietly, checkpointMs, checkpointMs));
        long retentionCheck = brokerConfig.get(LogSettings.RETENTION_CHECK_INTERVAL_MS);
        periodicTasks.add(scheduler.schedulePeriodic("log-retention", this::applyRetention, retentionCheck, retentionCheck));
        long expiration = brokerConfig.get(LogSettings.PRODUCER_ID_EXPIRATION_MS);
        long expiryCheck = Math.min(600_000, expiration);
        periodicTasks.add(scheduler.schedulePeriodic("expire-producer-ids", () -> expireProducers(expiration), expiryCheck, expiryCheck));
        if (cleaner != null) {
            cleaner.start();
        }
    }

    private PartitionLog openLog(TopicPartition tp, UUID topicId, LogConfig config, long[] offsets, boolean clean) throws IOException {
        Path dir = logsDir.resolve(tp.dirName());
        boolean existed = Files.isDirectory(dir);
        PartitionLog log = PartitionLog.open(dir, tp, topicId, config, env, offsets, clean || !existed);
        if (!existed) {
            FileOps.fsyncDirectory(logsDir);
        }
        logs.put(tp, log);
        return log;
    }

    private void removeDeletedDirectories() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(logsDir, Files::isDirectory)) {
            for (Path d : dirs) {
                if (d.getFileName().toString().endsWith(DELETE_DIR_SUFFIX)) {
                    FileOps.deleteRecursively(d);
                }
            }
        }
    }

    /** Partition directories of no registered topic are renamed {@code -stray}, never deleted. */
    private void moveStrayDirectories() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(logsDir, Files::isDirectory)) {
            for (Path d : dirs) {
                Optional<TopicPartition> tp = TopicPartition.fromDirName(d.getFileName().toString());
                if (tp.isPresent() && !logs.containsKey(tp.get())) {
                    Path stray = d.resolveSibling(d.getFileName() + "." + UUID.randomUUID().toString().replace("-", "") + STRAY_DIR_SUFFIX);
                    LOGGER.warn("Log directory {} belongs to no registered topic; renamed to {}", d, stray.getFileName());
                    FileOps.atomicMove(d, stray);
                }
            }
        }
    }

    /** The log cleaner, unless {@code log.cleaner.enable=false}. */
    public Optional<LogCleaner> cleaner() {
        return Optional.ofNullable(cleaner);
    }

    private Collection<CleanableLog> cleanableLogs() {
        List<CleanableLog> out = new ArrayList<>(logs.size());
        for (PartitionLog log : logs.values()) {
            out.add(new CleanablePartitionLog(log));
        }
        return out;
    }

    private void onTruncated(TopicPartition tp, long end) {
        if (cleaner != null) {
            cleaner.onTruncated(tp, end);
        }
    }

    /** The topics of this broker: create, delete, configure. */
    public TopicRegistry topics() {
        return topics;
    }

    /** The log of a partition, if its topic exists and the log is open. */
    public Optional<PartitionLog> log(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    /** @throws UnknownTopicOrPartitionException when there is no such partition */
    public PartitionLog getLog(String topic, int partition) {
        PartitionLog log = logs.get(new TopicPartition(topic, partition));
        if (log == null) {
            throw new UnknownTopicOrPartitionException("partition " + partition + " of topic " + topic + " does not exist");
        }
        return log;
    }

    /** Every open log. */
    public Collection<PartitionLog> logs() {
        return List.copyOf(logs.values());
    }

    private Collection<PartitionLog> allLogs() {
        return logs.values();
    }

    public Path logsDir() {
        return logsDir;
    }

    /** The broker's defaults for topic configs. */
    public LogConfig brokerDefaults() {
        return brokerDefaults;
    }

    /** True when the previous run wrote its clean-shutdown marker (this start scanned nothing). */
    public boolean hadCleanShutdown() {
        return hadCleanShutdown;
    }

    /** Open segments of all logs (bounded by {@code log.max.open.segments} for inactive segments). */
    public int openSegments() {
        return handles.openSegments();
    }

    /**
     * Calls {@code listener} whenever the high watermark of any log advances: on a flusher thread,
     * outside any lock; hand the work off.
     */
    public void addHighWatermarkListener(HighWatermarkListener listener) {
        highWatermarkListeners.add(listener);
    }

    public void removeHighWatermarkListener(HighWatermarkListener listener) {
        highWatermarkListeners.remove(listener);
    }

    private void notifyHighWatermark(TopicPartition tp, long hw) {
        for (HighWatermarkListener l : highWatermarkListeners) {
            l.onHighWatermarkAdvanced(tp, hw);
        }
    }

    /** Writes the recovery-point, log-start and high-watermark checkpoints now. */
    public void writeCheckpoints() throws IOException {
        checkpoints.write();
    }

    private void writeCheckpointsQuietly() {
        try {
            checkpoints.write();
        } catch (IOException e) {
            LOGGER.error("Writing the offset checkpoints of {} failed", logsDir, e);
        }
    }

    /** Runs retention over every log now (the scheduler does it every {@code log.retention.check.interval.ms}). */
    public int applyRetention() {
        int deleted = 0;
        for (PartitionLog log : logs.values()) {
            try {
                deleted += log.deleteOldSegments();
            } catch (LogStoreException e) {
                LOGGER.warn("Retention of {} failed: {}", log.topicPartition(), e.getMessage());
            }
        }
        return deleted;
    }

    private void expireProducers(long expirationMs) {
        for (PartitionLog log : logs.values()) {
            log.removeExpiredProducers(expirationMs);
        }
    }

    /**
     * Flushes every log, completes its durability futures, closes its files, writes the checkpoints
     * and the clean-shutdown marker. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        topics.unfollow();
        periodicTasks.forEach(f -> f.cancel(false));
        if (cleaner != null) {
            cleaner.close();
        }
        flusher.close();
        boolean clean = true;
        for (PartitionLog log : logs.values()) {
            log.close();
            clean &= !log.isPoisoned();
        }
        try {
            checkpoints.write();
            if (clean) {
                CleanShutdownMarker.write(logsDir);
            }
        } catch (IOException e) {
            LOGGER.error("Could not write the checkpoints of {}; the next start will scan", logsDir, e);
        }
        shutdownExecutors();
        LOGGER.info("Closed {} partition logs{}", logs.size(), clean ? "" : " (some logs had I/O failures: the next start recovers them)");
    }

    private void closeQuietly() {
        closed = true;
        topics.unfollow();
        if (cleaner != null) {
            cleaner.close();
        }
        flusher.close();
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        chunkWriters.close(); // the logs are closed: nothing is in flight
        admin.shutdown();
        try {
            admin.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LogClosedException("the log manager of " + logsDir + " is closed");
        }
    }

    /** The registry's hooks: create, delete and reconfigure logs as topics change. */
    private final class Logs implements TopicLogs {
        @Override
        public CompletableFuture<Void> createLogs(String topic, UUID topicId, int fromPartition, int toPartition, LogConfig config) {
            checkOpen();
            return CompletableFuture.runAsync(() -> {
                for (int p = fromPartition; p < toPartition; p++) {
                    TopicPartition tp = new TopicPartition(topic, p);
                    if (!logs.containsKey(tp)) {
                        try {
                            openLog(tp, topicId, config, new long[3], true);
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot create the log of " + tp, e);
                        }
                    }
                }
            }, admin);
        }

        @Override
        public CompletableFuture<Void> deleteLogs(String topic, int partitions) {
            checkOpen();
            List<PartitionLog> removed = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                PartitionLog log = logs.remove(new TopicPartition(topic, p));
                if (cleaner != null) {
                    cleaner.forget(new TopicPartition(topic, p));
                }
                if (log != null) {
                    log.closeForDeletion();
                    removed.add(log);
                }
            }
            return CompletableFuture.runAsync(() -> removed.forEach(LogManager.this::renameForDeletion), admin);
        }

        @Override
        public void updateConfig(String topic, int partitions, LogConfig config) {
            for (int p = 0; p < partitions; p++) {
                PartitionLog log = logs.get(new TopicPartition(topic, p));
                if (log != null) {
                    log.updateConfig(config);
                }
            }
        }
    }

    private void renameForDeletion(PartitionLog log) {
        Path dir = log.dir();
        Path target = dir.resolveSibling(dir.getFileName() + "." + UUID.randomUUID().toString().replace("-", "") + DELETE_DIR_SUFFIX);
        try {
            FileOps.atomicMove(dir, target);
            FileOps.fsyncDirectory(logsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + dir + " for deletion", e);
        }
        scheduler.scheduleOnce("delete-log-" + log.topicPartition(), () -> {
            log.releaseFiles();
            FileOps.deleteRecursivelyUnchecked(target);
        }, log.config().fileDeleteDelayMs());
    }
}
