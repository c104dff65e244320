/**
 * Log compaction for {@code cleanup.policy=compact} (and {@code compact,delete}): a background
 * cleaner that keeps the last record of every key, never touches the active segment, removes
 * tombstones after {@code delete.retention.ms}, and swaps compacted segments in crash-safely.
 *
 * <ul>
 *   <li>{@link io.tributary.logstore.cleaner.LogCleaner}: the worker threads and the service's lifecycle.</li>
 *   <li>{@link io.tributary.logstore.cleaner.LogCleanerManager}: which log next (dirty ratio, compaction
 *       lags, tombstone horizons), logs in progress, the {@code cleaner-offset-checkpoint}.</li>
 *   <li>{@link io.tributary.logstore.cleaner.CleanableRange}: what part of one log may be cleaned.</li>
 *   <li>{@link io.tributary.logstore.cleaner.Cleaner}: one cleaning: key map, rewrite, swap.</li>
 *   <li>{@link io.tributary.logstore.cleaner.OffsetMap}: the fixed-memory key-to-offset map.</li>
 * </ul>
 *
 * Record batches are decoded and re-encoded by {@code logstore.record.BatchCompactor} (the only
 * place that uses kafka-clients), and the file protocol of a swap is
 * {@code logstore.segment.SegmentSwap}; the recovery side is {@code logstore.recovery.SwapRecovery}.
 *
 * <p>Threading: each worker thread owns a {@code Cleaner} and its map; the manager is thread-safe.
 * A cleaning reads segments without the log's lock (they are immutable once inactive) and takes the
 * lock only to read the log's state and to swap a compacted segment in; lock order is log, then manager.
 */
package io.tributary.logstore.cleaner;
