package io.tributary.logstore.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.config.metadata.MetadataStore;
import io.tributary.logstore.AppendResult;
import io.tributary.logstore.FetchIsolation;
import io.tributary.logstore.LogConfigDefs;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.PartitionLog;
import io.tributary.logstore.ReadResult;
import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.cleaner.LogCleaner;
import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.testing.Batches;
import io.tributary.logstore.testing.Crash;
import io.tributary.logstore.testing.SegmentBytes;
import io.tributary.logstore.testing.LogReads;
import io.tributary.logstore.testing.MockScheduler;
import io.tributary.logstore.testing.MockTime;
import io.tributary.logstore.topic.NewTopic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * A real log (one compacted partition of a real {@link LogManager} on a mock clock, so background
 * work runs only when the clock moves) next to its {@link LogModel}, and the operations of the
 * stateful property. Each operation changes both, then {@link #check()} compares them.
 */
final class LogHarness implements AutoCloseable {
    static final TopicPartition TP = new TopicPartition("p", 0);
    static final long DELETE_RETENTION_MS = 500;

    private final Path root;
    private final MetadataStore store = new InMemoryMetadataStore();
    private final MockTime time = new MockTime();
    private final List<Pending> pending = new ArrayList<>();
    final LogModel model = new LogModel();
    private int generation;
    private int values;
    private Path logsDir;
    private LogManager manager;
    private PartitionLog log;
    /** Offsets below this were reported durable. */
    private long durableEnd;

    private record Pending(long endOffset, CompletableFuture<Void> durable) {
    }

    LogHarness() throws IOException {
        root = io.tributary.logstore.testing.ScratchDirs.create("logstore-property");
        logsDir = root.resolve("run-0");
        manager = open(logsDir);
        manager.topics().createTopic(new NewTopic(TP.topic(), 1, Map.of(LogConfigDefs.CLEANUP_POLICY, "compact", LogConfigDefs.SEGMENT_BYTES,
                "400", LogConfigDefs.INDEX_INTERVAL_BYTES, "100", LogConfigDefs.MIN_CLEANABLE_DIRTY_RATIO, "0",
                LogConfigDefs.DELETE_RETENTION_MS, Long.toString(DELETE_RETENTION_MS)))).join();
        log = manager.getLog(TP.topic(), TP.partition());
    }

    private LogManager open(Path dir) {
        BrokerConfig cfg = BrokerConfig.builder().set(LogSettings.CLEANER_BACKOFF_MS, 86_400_000L)
                .set(LogSettings.RETENTION_CHECK_INTERVAL_MS, 86_400_000L).set(LogSettings.SEGMENT_DELETE_DELAY_MS, 500L).build();
        return LogManager.builder(dir, store).brokerConfig(cfg).time(time).scheduler(new MockScheduler(time)).build();
    }

    private LogCleaner cleaner() {
        return manager.cleaner().orElseThrow();
    }

    // ---- operations ----

    void append(int count, long seed, boolean compressed) {
        Random rnd = new Random(seed);
        String[] kv = new String[2 * count];
        for (int i = 0; i < count; i++) {
            kv[2 * i] = "k" + rnd.nextInt(6);
            kv[2 * i + 1] = rnd.nextInt(4) == 0 ? null : "v" + values++;
        }
        ByteBuffer batch = Batches.keyed(compressed ? Compression.lz4().build() : Compression.NONE, time.milliseconds(), kv);
        AppendResult r = log.appendAsLeader(batch, 0);
        assertThat(r.firstOffset()).isEqualTo(model.end);
        for (int i = 0; i < count; i++) {
            model.append(r.firstOffset() + i, kv[2 * i], kv[2 * i + 1]);
        }
        pending.add(new Pending(r.lastOffset() + 1, r.durable()));
    }

    void flush() {
        log.requestFlush();
        for (Pending p : pending) {
            p.durable().join();
        }
        // data recovered after a crash has no future: the flusher reports it through the high watermark
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(() -> log.highWatermark() == model.end && log.recoveryPoint() == model.end);
        noteDurable();
        assertThat(durableEnd).isEqualTo(model.end);
    }

    /** What the log has reported durable: completed durability futures, and the high watermark readers were shown. */
    private void noteDurable() {
        durableEnd = Math.max(durableEnd, log.highWatermark());
        pending.removeIf(p -> {
            if (p.durable().isDone() && !p.durable().isCompletedExceptionally()) {
                durableEnd = Math.max(durableEnd, p.endOffset());
                return true;
            }
            return p.durable().isCompletedExceptionally();
        });
    }

    void advanceTime(long ms) {
        time.sleep(ms);
    }

    /** A fetch from somewhere in the log: whole batches, whose records are the model's from there on. */
    void read(double where, int maxBytes, boolean toHighWatermark) {
        long from = model.start + (long) (where * (model.end - model.start));
        FetchIsolation isolation = toHighWatermark ? FetchIsolation.HIGH_WATERMARK : FetchIsolation.LOG_END;
        ReadResult r = log.read(from, maxBytes, isolation, true);
        List<String> got = new ArrayList<>();
        long last = -1;
        for (RecordBatch b : Batches.batches(r.slice().records())) {
            b.ensureValid();
            assertThat(b.baseOffset()).isGreaterThan(last);
            last = b.lastOffset();
            for (org.apache.kafka.common.record.internal.Record rec : b) {
                Batches.Rec one = Batches.rec(rec);
                if (one.offset() >= from) {
                    got.add(one.offset() + ":" + one.key() + "=" + one.value());
                }
            }
        }
        long bound = toHighWatermark ? log.highWatermark() : model.end;
        List<String> expected = model.records.stream().filter(m -> m.offset >= from && m.offset < bound).map(LogModel.Rec::toString).toList();
        // a fetch may return nothing but an emptied batch; what it returns must be where the model says
        assertThat(expected.subList(0, Math.min(got.size(), expected.size()))).isEqualTo(got);
        assertThat(last).isLessThan(bound);
    }

    void truncate(double where) {
        long target = model.start + (long) (where * (model.end - model.start));
        noteDurable();
        log.truncateTo(target);
        assertThat(log.logEndOffset()).isLessThanOrEqualTo(Math.max(target, model.start));
        model.truncateTo(log.logEndOffset());
        // appends above the new end are gone: their futures fail, and what they made durable no longer counts
        durableEnd = Math.min(durableEnd, model.end);
        pending.removeIf(p -> p.endOffset() > model.end);
    }

    void deleteRecords(double where) {
        long hw = log.highWatermark();
        long target = model.start + (long) (where * (hw - model.start));
        CompletableFuture<Long> f = log.deleteRecordsBefore(target);
        time.sleep(0); // the log-start checkpoint is written by a scheduled task
        assertThat(f.join()).isEqualTo(Math.max(target, model.start));
        model.deleteBefore(Math.max(target, model.start));
    }

    void deleteOldSegments() {
        log.deleteOldSegments();
        assertThat(log.logStartOffset()).isGreaterThanOrEqualTo(model.start);
        model.deleteBefore(log.logStartOffset());
    }

    /** Flush, then run the cleaner: with a dirty ratio of 0 it must compact everything below the active segment. */
    void compact() throws IOException {
        flush();
        long before = cleaner().cleanedUpTo(TP);
        long firstDirty = before < model.start || before > model.end ? model.start : before;
        long activeBase = activeSegmentBase();
        int cleanings = cleaner().cleanNow();
        if (activeBase > firstDirty) {
            assertThat(cleanings).as("a dirty log with min.cleanable.dirty.ratio=0 is cleaned").isEqualTo(1);
            assertThat(cleaner().cleanedUpTo(TP)).isEqualTo(activeBase);
        }
        if (cleanings > 0) {
            // Never the active segment: after a truncation below the cleaner's checkpoint the active segment
            // can start below that checkpoint, and what it holds is not compacted until it rolls.
            model.compact(Math.min(cleaner().cleanedUpTo(TP), activeSegmentBase()), time.milliseconds(), DELETE_RETENTION_MS);
        }
    }

    private long activeSegmentBase() throws IOException {
        List<Path> files = Crash.segmentFiles(log.dir());
        return Crash.baseOffsetOf(files.get(files.size() - 1));
    }

    /**
     * {@code kill -9} (the directory as it is: page cache included) or a power loss that tears the
     * active segment somewhere after the last durable byte; then recovery on the copy.
     */
    void crash(boolean tear, double where) throws IOException {
        noteDurable();
        long endBefore = model.end;
        Path crashed = root.resolve("run-" + ++generation);
        Crash.copyTree(logsDir, crashed);
        if (tear) {
            tearAfterDurable(crashed.resolve(TP.dirName()), where);
        }
        closeQuietly();
        FileOps.deleteRecursively(logsDir);
        logsDir = crashed;
        manager = open(logsDir);
        log = manager.getLog(TP.topic(), TP.partition());
        assertThat(manager.hadCleanShutdown()).isFalse();
        assertThat(log.logEndOffset()).isBetween(durableEnd, endBefore);
        if (!tear) {
            assertThat(log.logEndOffset()).isEqualTo(endBefore);
        }
        model.truncateTo(log.logEndOffset());
        pending.clear();
    }

    private void tearAfterDurable(Path partitionDir, double where) throws IOException {
        List<Path> files = Crash.segmentFiles(partitionDir);
        Path active = files.get(files.size() - 1);
        long firstUnflushed = SegmentBytes.positionOfFirstBatchEndingAfter(active, durableEnd);
        long size = Files.size(active);
        if (firstUnflushed < size) {
            Crash.cut(active, firstUnflushed + (long) (where * (size - firstUnflushed)));
        }
    }

    void reopen() {
        manager.close();
        manager = open(logsDir);
        log = manager.getLog(TP.topic(), TP.partition());
        assertThat(manager.hadCleanShutdown()).isTrue();
        durableEnd = model.end;
        pending.clear();
    }

    // ---- the comparison ----

    void check() {
        assertThat(log.logStartOffset()).isEqualTo(model.start);
        assertThat(log.logEndOffset()).isEqualTo(model.end);
        assertThat(log.highWatermark()).isBetween(model.start, model.end);
        List<String> actual = LogReads.readAll(log).stream().map(r -> r.offset() + ":" + r.key() + "=" + r.value()).toList();
        assertThat(actual).isEqualTo(model.lines());
    }

    private void closeQuietly() {
        try {
            manager.close();
        } catch (RuntimeException e) {
            // the crashed run's manager: whatever it does now happens after the "crash"
        }
    }

    @Override
    public void close() throws IOException {
        closeQuietly();
        FileOps.deleteRecursively(root);
    }
}
