package io.tributary.logstore;

import io.tributary.logstore.flush.LogFlusher;
import io.tributary.logstore.segment.SegmentHandleTracker;
import io.tributary.logstore.segment.WriteBufferPool;
import io.tributary.logstore.time.Scheduler;
import io.tributary.logstore.time.Time;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What every log of a {@link LogManager} shares: clock, scheduler, flushers, the open-segment
 * bound, the active segments' write buffers, the broker-wide high-watermark listener and the
 * checkpoint writer.
 *
 * @param logStartOffsetCheckpoint writes the log start offsets durably; the future completes after the fsync
 * @param onTruncated told, under the log's lock, the new end of a log that was truncated (the cleaner
 *     stops counting what lies above it as compacted)
 */
record LogEnvironment(Time time, Scheduler scheduler, LogFlusher flusher, SegmentHandleTracker handles, WriteBufferPool writeBuffers,
        HighWatermarkListener highWatermarkListener, Function<PartitionLog, CompletableFuture<Void>> logStartOffsetCheckpoint,
        BiConsumer<TopicPartition, Long> onTruncated) {
}
