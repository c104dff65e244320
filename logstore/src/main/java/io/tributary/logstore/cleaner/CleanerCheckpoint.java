package io.tributary.logstore.cleaner;

import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.io.CheckpointFile;
import io.tributary.logstore.recovery.OffsetCheckpointFormat;
import io.tributary.logstore.recovery.OffsetCheckpointFormat.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cleaner-offset-checkpoint} in the logs directory: per compacted partition, the offset below
 * which the log is compacted, so a restarted cleaner resumes there instead of re-reading the whole
 * log as dirty. Kafka's text layout ({@link OffsetCheckpointFormat}: {@code topic partition offset}).
 * Losing it is harmless: the next cleaning treats the whole log as dirty.
 */
final class CleanerCheckpoint {
    static final String FILE_NAME = "cleaner-offset-checkpoint";
    private static final Logger LOGGER = LoggerFactory.getLogger(CleanerCheckpoint.class);

    private final CheckpointFile<Entry> file;
    private final Map<TopicPartition, Long> offsets = new ConcurrentHashMap<>();

    CleanerCheckpoint(Path logsDir) {
        this.file = OffsetCheckpointFormat.file(logsDir, FILE_NAME);
        try {
            for (Entry e : file.read()) {
                offsets.put(e.partition(), e.offset());
            }
        } catch (IOException e) {
            LOGGER.warn("Ignoring {}: {}; compacted logs are cleaned from their start again", file.path(), e.getMessage());
        }
    }

    /** Where the last cleaning of {@code tp} stopped, -1 when it was never cleaned. */
    long get(TopicPartition tp) {
        return offsets.getOrDefault(tp, -1L);
    }

    void put(TopicPartition tp, long offset) {
        offsets.put(tp, offset);
    }

    /**
     * After a truncation to {@code end}: what lies above was not cleaned (it may be new data).
     *
     * @return true when the checkpoint moved
     */
    boolean clampTo(TopicPartition tp, long end) {
        Long before = offsets.get(tp);
        if (before == null || before <= end) {
            return false;
        }
        offsets.put(tp, end);
        return true;
    }

    void remove(TopicPartition tp) {
        offsets.remove(tp);
    }

    /** Rewrites the file with the entries of {@code live} partitions (writes are serialised). */
    synchronized void write(Set<TopicPartition> live) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            if (live.contains(e.getKey())) {
                entries.add(new Entry(e.getKey(), e.getValue()));
            }
        }
        file.write(entries);
    }
}
