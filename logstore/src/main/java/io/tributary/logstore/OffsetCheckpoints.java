package io.tributary.logstore;

import io.tributary.logstore.io.CheckpointFile;
import io.tributary.logstore.recovery.OffsetCheckpointFormat;
import io.tributary.logstore.recovery.OffsetCheckpointFormat.Entry;
import io.tributary.logstore.time.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logs directory's three offset checkpoints ({@link OffsetCheckpointFormat}): recovery points,
 * log start offsets, high watermarks. Written periodically, on request (coalesced: many DeleteRecords
 * share one write) and at shutdown; writes are serialised.
 */
final class OffsetCheckpoints {
    private static final Logger LOGGER = LoggerFactory.getLogger(OffsetCheckpoints.class);

    /** What the checkpoints said at start-up. */
    record Loaded(boolean readable, Map<TopicPartition, Long> recoveryPoints, Map<TopicPartition, Long> logStartOffsets,
            Map<TopicPartition, Long> highWatermarks) {
        /** {recovery point, log start offset, high watermark} of a partition; 0 when unknown. */
        long[] forPartition(TopicPartition tp) {
            return new long[] {recoveryPoints.getOrDefault(tp, 0L), logStartOffsets.getOrDefault(tp, 0L),
                    highWatermarks.getOrDefault(tp, 0L)};
        }
    }

    private final CheckpointFile<Entry> recoveryPoints;
    private final CheckpointFile<Entry> logStartOffsets;
    private final CheckpointFile<Entry> highWatermarks;
    private final Supplier<Collection<PartitionLog>> logs;
    private final Object pendingLock = new Object();
    private List<CompletableFuture<Void>> pending = new ArrayList<>();

    OffsetCheckpoints(Path logsDir, Supplier<Collection<PartitionLog>> logs) {
        this.recoveryPoints = OffsetCheckpointFormat.file(logsDir, OffsetCheckpointFormat.RECOVERY_POINT);
        this.logStartOffsets = OffsetCheckpointFormat.file(logsDir, OffsetCheckpointFormat.LOG_START_OFFSET);
        this.highWatermarks = OffsetCheckpointFormat.file(logsDir, OffsetCheckpointFormat.HIGH_WATERMARK);
        this.logs = logs;
    }

    Loaded load() {
        boolean readable = true;
        Map<TopicPartition, Long> rp = new HashMap<>();
        Map<TopicPartition, Long> ls = new HashMap<>();
        Map<TopicPartition, Long> hw = new HashMap<>();
        readable &= read(recoveryPoints, rp);
        readable &= read(logStartOffsets, ls);
        readable &= read(highWatermarks, hw);
        return new Loaded(readable, rp, ls, hw);
    }

    private static boolean read(CheckpointFile<Entry> file, Map<TopicPartition, Long> into) {
        try {
            for (Entry e : file.read()) {
                into.put(e.partition(), e.offset());
            }
            return true;
        } catch (IOException e) {
            LOGGER.warn("Ignoring {}: {}", file.path(), e.getMessage());
            return false;
        }
    }

    synchronized void write() throws IOException {
        List<Entry> rp = new ArrayList<>();
        List<Entry> ls = new ArrayList<>();
        List<Entry> hw = new ArrayList<>();
        for (PartitionLog log : logs.get()) {
            rp.add(new Entry(log.topicPartition(), log.recoveryPoint()));
            ls.add(new Entry(log.topicPartition(), log.logStartOffset()));
            hw.add(new Entry(log.topicPartition(), log.highWatermark()));
        }
        recoveryPoints.write(rp);
        logStartOffsets.write(ls);
        highWatermarks.write(hw);
    }

    /** A write soon, shared with other requests made before it starts; completes after the fsyncs. */
    CompletableFuture<Void> request(Scheduler scheduler) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        boolean first;
        synchronized (pendingLock) {
            first = pending.isEmpty();
            pending.add(f);
        }
        if (first) {
            scheduler.scheduleOnce("checkpoint-offsets-on-request", this::writeRequested, 0);
        }
        return f;
    }

    private void writeRequested() {
        List<CompletableFuture<Void>> batch;
        synchronized (pendingLock) {
            batch = pending;
            pending = new ArrayList<>();
        }
        try {
            write();
            batch.forEach(f -> f.complete(null));
        } catch (IOException | RuntimeException e) {
            LogStorageException ex = new LogStorageException("writing offset checkpoints failed: " + e.getMessage(), e);
            batch.forEach(f -> f.completeExceptionally(ex));
        }
    }
}
