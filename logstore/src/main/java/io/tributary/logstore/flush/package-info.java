/**
 * Durability: flusher threads that fsync logs by their flush policy with group commit (every append
 * that arrived while one fsync ran is covered by the next), and the per-append futures they complete
 * once the appended bytes are on disk.
 *
 * <p>Threading: appenders call {@link io.tributary.logstore.flush.LogFlusher#wake} (lock-free, never
 * blocks); each log is always flushed by the same flusher thread, so its fsyncs never overlap.
 * {@link io.tributary.logstore.flush.DurabilityWaiters} is thread-safe; futures complete on a
 * flusher thread, so their callbacks must hand work off rather than block.
 */
package io.tributary.logstore.flush;
