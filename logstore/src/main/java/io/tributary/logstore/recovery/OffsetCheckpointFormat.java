package io.tributary.logstore.recovery;

import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.io.CheckpointFile;
import java.nio.file.Path;

/**
 * The per-directory offset checkpoints, Kafka's text layout (see
 * {@link io.tributary.logstore.io.CheckpointFileFormat}), one line per partition:
 *
 * <pre>
 *   0                     version
 *   2                     number of partitions
 *   orders 0 1542         topic partition offset
 *   orders 1 1310
 * </pre>
 *
 * Files: {@code recovery-point-offset-checkpoint} (offsets below are fsynced: no scan needed),
 * {@code log-start-offset-checkpoint} (DeleteRecords), {@code replication-offset-checkpoint}
 * (high watermarks).
 */
public final class OffsetCheckpointFormat implements CheckpointFile.EntryFormat<OffsetCheckpointFormat.Entry> {
    public static final String RECOVERY_POINT = "recovery-point-offset-checkpoint";
    public static final String LOG_START_OFFSET = "log-start-offset-checkpoint";
    public static final String HIGH_WATERMARK = "replication-offset-checkpoint";
    public static final int VERSION = 0;

    /** One partition's offset. */
    public record Entry(TopicPartition partition, long offset) {
    }

    public static CheckpointFile<Entry> file(Path logsDir, String name) {
        return new CheckpointFile<>(logsDir.resolve(name), VERSION, new OffsetCheckpointFormat());
    }

    @Override
    public String toLine(Entry e) {
        return e.partition().topic() + " " + e.partition().partition() + " " + e.offset();
    }

    @Override
    public Entry fromLine(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected 'topic partition offset', got '" + line + "'");
        }
        return new Entry(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
    }
}
