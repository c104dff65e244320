package io.tributary.logstore.epoch;

import io.tributary.logstore.io.CheckpointFile;

/**
 * The {@code leader-epoch-checkpoint} file of a partition directory, Kafka's text layout (see
 * {@link io.tributary.logstore.io.CheckpointFileFormat}):
 *
 * <pre>
 *   0              version
 *   2              number of entries
 *   0 0            epoch startOffset   (one line per epoch, both increasing)
 *   3 1542
 * </pre>
 */
public final class LeaderEpochCheckpointFormat implements CheckpointFile.EntryFormat<EpochEntry> {
    public static final String FILE_NAME = "leader-epoch-checkpoint";
    public static final int VERSION = 0;

    @Override
    public String toLine(EpochEntry entry) {
        return entry.epoch() + " " + entry.startOffset();
    }

    @Override
    public EpochEntry fromLine(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected 'epoch startOffset', got '" + line + "'");
        }
        return new EpochEntry(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }
}
