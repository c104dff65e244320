/**
 * Segmented append-only partition logs in Kafka's on-disk format (see ARCHITECTURE.md, "Storage on
 * disk", and docs/storage.md). The facade:
 *
 * <ul>
 *   <li>{@link io.tributary.logstore.LogManager} opens {@code data/logs}, recovers it, and owns the
 *       {@link io.tributary.logstore.topic.TopicRegistry} (create/delete topics, add partitions,
 *       alter/describe configs); {@code close()} flushes everything and marks a clean shutdown.</li>
 *   <li>{@link io.tributary.logstore.PartitionLog} appends as leader (validate, assign offsets, write
 *       to the page cache; a future completes when durable), reads zero-copy
 *       {@link io.tributary.logstore.record.LogSlice}s bounded by the high watermark, last stable
 *       offset or log end, looks offsets up by timestamp, deletes records. For replication it appends
 *       a leader's batches as they are on a follower, truncates, records leader epochs, and bounds the
 *       high watermark by what the in-sync replicas fsynced ({@code acks=all} awaits it).</li>
 *   <li>{@link io.tributary.logstore.LogConfig} and {@link io.tributary.logstore.LogConfigDefs}: the
 *       Kafka topic configs, broker defaults from {@code log.*} settings, validation.</li>
 *   <li>Typed exceptions, one per condition, each naming the Kafka error code it maps to.</li>
 * </ul>
 *
 * <p>Threading: every public method may be called from any thread, including network event loops:
 * nothing here fsyncs or waits on the caller's thread (an append writes to the page cache under its
 * partition's lock). Durability futures and high-watermark listeners run on flusher threads: keep
 * their callbacks short and hand work off.
 */
package io.tributary.logstore;
