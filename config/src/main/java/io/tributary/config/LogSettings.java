package io.tributary.config;

import java.util.List;
import java.util.Set;

/**
 * Broker-wide defaults for partition logs; topics may override them with their own configs (the
 * Kafka topic config each one defaults is named in its documentation). Names follow Apache Kafka's
 * broker configs.
 */
public final class LogSettings {
    public static final Setting<Long> SEGMENT_BYTES = Setting.ofLong("log.segment.bytes", 1L << 30, 14, Integer.MAX_VALUE,
            "Size at which a log segment is rolled (topic: segment.bytes).");
    public static final Setting<Long> ROLL_MS = Setting.ofLong("log.roll.ms", 7L * 24 * 3600 * 1000, 1, Long.MAX_VALUE,
            "Age of a segment's first record after which the segment is rolled (topic: segment.ms).");
    public static final Setting<Long> ROLL_JITTER_MS = Setting.ofLong("log.roll.jitter.ms", 0, 0, Long.MAX_VALUE,
            "Largest random reduction of log.roll.ms per partition, so partitions do not roll together (topic: segment.jitter.ms).");
    public static final Setting<Integer> INDEX_INTERVAL_BYTES = Setting.ofInt("log.index.interval.bytes", 4096, 0, Integer.MAX_VALUE,
            "Bytes of batches between two offset-index entries (topic: index.interval.bytes).");
    public static final Setting<Integer> INDEX_SIZE_MAX_BYTES = Setting.ofInt("log.index.size.max.bytes", 10 * 1024 * 1024, 4096,
            Integer.MAX_VALUE, "Size of a segment's offset and time index files; a full index rolls the segment (topic: segment.index.bytes).");
    public static final Setting<Long> RETENTION_MS = Setting.ofLong("log.retention.ms", 7L * 24 * 3600 * 1000, -1, Long.MAX_VALUE,
            "Age after which whole segments are deleted; -1 keeps forever (topic: retention.ms).");
    public static final Setting<Long> RETENTION_BYTES = Setting.ofLong("log.retention.bytes", -1, -1, Long.MAX_VALUE,
            "Size per partition beyond which the oldest segments are deleted; -1 = no limit (topic: retention.bytes).");
    public static final Setting<Long> RETENTION_CHECK_INTERVAL_MS = Setting.ofLong("log.retention.check.interval.ms", 300_000, 1,
            Long.MAX_VALUE, "How often segments are checked against retention.ms, retention.bytes and the log start offset.");
    public static final Setting<Long> SEGMENT_DELETE_DELAY_MS = Setting.ofLong("log.segment.delete.delay.ms", 60_000, 0, Long.MAX_VALUE,
            "How long a removed segment's files stay readable (renamed .deleted) before deletion, so in-flight reads finish (topic: file.delete.delay.ms).");
    public static final Setting<String> CLEANUP_POLICY = Setting.ofChoice("log.cleanup.policy", "delete",
            Set.of("delete", "compact", "compact,delete", "delete,compact"),
            "delete: drop old segments by retention; compact: keep the last record per key; both: compact, then delete by retention (topic: cleanup.policy).");
    public static final Setting<Boolean> CLEANER_ENABLE = Setting.ofBoolean("log.cleaner.enable", true,
            "Run the log cleaner, which compacts topics with cleanup.policy=compact.");
    public static final Setting<Integer> CLEANER_THREADS = Setting.ofInt("log.cleaner.threads", 1, 1, 64,
            "Threads compacting logs.");
    public static final Setting<Long> CLEANER_DEDUPE_BUFFER_SIZE = Setting.ofLong("log.cleaner.dedupe.buffer.size", 32L * 1024 * 1024,
            1024 * 1024, Integer.MAX_VALUE, "Memory for the key-to-offset map of one compaction, shared by the cleaner threads.");
    public static final Setting<Long> CLEANER_BACKOFF_MS = Setting.ofLong("log.cleaner.backoff.ms", 15_000, 0, Long.MAX_VALUE,
            "How long the cleaner sleeps when no log needs compaction.");
    public static final Setting<String> CLEANER_MIN_CLEANABLE_RATIO = Setting.ofString("log.cleaner.min.cleanable.ratio", "0.5",
            "Share of a compacted log that must be uncompacted before it is cleaned, 0..1 (topic: min.cleanable.dirty.ratio).");
    public static final Setting<Long> CLEANER_DELETE_RETENTION_MS = Setting.ofLong("log.cleaner.delete.retention.ms", 86_400_000, 0,
            Long.MAX_VALUE, "How long tombstones stay readable in a compacted log (topic: delete.retention.ms).");
    public static final Setting<Long> CLEANER_MIN_COMPACTION_LAG_MS = Setting.ofLong("log.cleaner.min.compaction.lag.ms", 0, 0,
            Long.MAX_VALUE, "Records younger than this are never compacted (topic: min.compaction.lag.ms).");
    public static final Setting<Long> CLEANER_MAX_COMPACTION_LAG_MS = Setting.ofLong("log.cleaner.max.compaction.lag.ms", Long.MAX_VALUE, 1,
            Long.MAX_VALUE, "Records older than this are compacted whatever the dirty ratio (topic: max.compaction.lag.ms).");
    public static final Setting<Integer> MESSAGE_MAX_BYTES = Setting.ofInt("message.max.bytes", 1_048_588, 0, Integer.MAX_VALUE,
            "Largest record batch accepted (topic: max.message.bytes).");
    public static final Setting<String> MESSAGE_TIMESTAMP_TYPE = Setting.ofChoice("log.message.timestamp.type", "CreateTime",
            Set.of("CreateTime", "LogAppendTime"), "Keep the producer's timestamps, or stamp the broker's append time (topic: message.timestamp.type).");
    public static final Setting<Long> MESSAGE_TIMESTAMP_BEFORE_MAX_MS = Setting.ofLong("log.message.timestamp.before.max.ms", Long.MAX_VALUE,
            0, Long.MAX_VALUE, "How far in the past a CreateTime timestamp may be (topic: message.timestamp.before.max.ms).");
    public static final Setting<Long> MESSAGE_TIMESTAMP_AFTER_MAX_MS = Setting.ofLong("log.message.timestamp.after.max.ms", 3_600_000, 0,
            Long.MAX_VALUE, "How far in the future a CreateTime timestamp may be (topic: message.timestamp.after.max.ms).");
    public static final Setting<String> COMPRESSION_TYPE = Setting.ofChoice("compression.type", "producer", Set.of("producer"),
            "Compression of stored batches; producer = keep each batch as the producer compressed it (topic: compression.type).");
    public static final Setting<Integer> MIN_INSYNC_REPLICAS = Setting.ofInt("min.insync.replicas", 1, 1, Integer.MAX_VALUE,
            "Replicas that must hold a write for acks=all to succeed (topic: min.insync.replicas).");
    public static final Setting<Long> FLUSH_INTERVAL_MESSAGES = Setting.ofLong("log.flush.interval.messages", 1, 1, Long.MAX_VALUE,
            "Appended messages after which a partition is fsynced (group commit); 1 = every append is durable before it is acknowledged"
                    + " (topic: flush.messages).");
    public static final Setting<Long> FLUSH_INTERVAL_MS = Setting.ofLong("log.flush.interval.ms", Long.MAX_VALUE, 0, Long.MAX_VALUE,
            "Longest time appended data may stay unsynced (topic: flush.ms).");
    public static final Setting<Integer> FLUSH_THREADS = Setting.ofInt("log.flush.threads", 4, 1, 256,
            "Threads doing group-commit fsyncs; each partition always flushes on the same one.");
    public static final Setting<Long> FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS = Setting.ofLong("log.flush.offset.checkpoint.interval.ms", 60_000,
            1, Long.MAX_VALUE, "How often recovery points, log start offsets and high watermarks are checkpointed.");
    public static final Setting<Integer> WRITE_BUFFER_BYTES = Setting.ofInt("log.write.buffer.bytes", 262_144, 0, 1 << 24,
            "Bytes of appends a partition's active segment gathers before writing them to the page cache in one page-aligned write"
                    + " (rounded up to 4 KiB; 0 = one write per append). Written out before every fsync, roll and read of the tail;"
                    + " at most 64 MiB of buffers in all, partitions beyond that write each append at once.");
    public static final Setting<Integer> WRITER_THREADS = Setting.ofInt("log.writer.threads", 1, 0, 64,
            "Threads that write the full write buffers to the page cache while the appending threads go on with the next batches"
                    + " (at most two buffers in flight per partition); 0 = the appending thread writes them.");
    public static final Setting<Integer> MAX_OPEN_SEGMENTS = Setting.ofInt("log.max.open.segments", 4096, 16, Integer.MAX_VALUE,
            "Inactive segments kept open (one file handle and two memory maps each) before the least recently used are closed.");
    public static final Setting<Long> PRODUCER_ID_EXPIRATION_MS = Setting.ofLong("producer.id.expiration.ms", 86_400_000, 1, Long.MAX_VALUE,
            "How long an idempotent producer's sequence state is kept after its last write.");

    private LogSettings() {
    }

    public static final Setting<String> AMQP_EXCHANGE = Setting.ofString("log.amqp.exchange", "",
            "AMQP exchange every record produced to a topic is also routed through; empty = none (topic: tributary.amqp.exchange).");
    public static final Setting<String> AMQP_VHOST = Setting.ofString("log.amqp.vhost", "/",
            "Virtual host of that exchange (topic: tributary.amqp.vhost).");
    public static final Setting<String> AMQP_ROUTING_KEY_HEADER = Setting.ofString("log.amqp.routing.key.header", "",
            "Record header whose value is the routing key of bridged records; empty = the record key (topic: tributary.amqp.routing.key.header).");

    static List<Setting<?>> all() {
        return List.of(SEGMENT_BYTES, ROLL_MS, ROLL_JITTER_MS, INDEX_INTERVAL_BYTES, INDEX_SIZE_MAX_BYTES, RETENTION_MS, RETENTION_BYTES,
                RETENTION_CHECK_INTERVAL_MS, SEGMENT_DELETE_DELAY_MS, CLEANUP_POLICY, CLEANER_ENABLE, CLEANER_THREADS,
                CLEANER_DEDUPE_BUFFER_SIZE, CLEANER_BACKOFF_MS, CLEANER_MIN_CLEANABLE_RATIO, CLEANER_DELETE_RETENTION_MS,
                CLEANER_MIN_COMPACTION_LAG_MS, CLEANER_MAX_COMPACTION_LAG_MS, MESSAGE_MAX_BYTES, MESSAGE_TIMESTAMP_TYPE,
                MESSAGE_TIMESTAMP_BEFORE_MAX_MS, MESSAGE_TIMESTAMP_AFTER_MAX_MS, COMPRESSION_TYPE, MIN_INSYNC_REPLICAS, FLUSH_INTERVAL_MESSAGES,
                FLUSH_INTERVAL_MS, FLUSH_THREADS, FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, WRITE_BUFFER_BYTES, WRITER_THREADS, MAX_OPEN_SEGMENTS, PRODUCER_ID_EXPIRATION_MS,
                AMQP_EXCHANGE, AMQP_VHOST, AMQP_ROUTING_KEY_HEADER);
    }
}
