package io.tributary.logstore.producer;

import io.tributary.logstore.io.AtomicFile;
import io.tributary.logstore.segment.SegmentFileNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The producer-state snapshots of one partition directory ({@link ProducerSnapshotFormat}). */
public final class ProducerSnapshots {
    /** Snapshots kept; older ones are deleted after each new one. */
    static final int RETAINED = 3;
    private static final Logger LOGGER = LoggerFactory.getLogger(ProducerSnapshots.class);

    private final Path dir;

    public ProducerSnapshots(Path dir) {
        this.dir = dir;
    }

    /** A snapshot's content, taken under the log's lock and written later by a background thread. */
    public record Pending(long offset, Collection<ProducerStateEntry> entries) {
    }

    /** The state now, to be written as the snapshot at {@code producers.mapEndOffset()}. */
    public static Pending capture(ProducerStateManager producers) {
        return new Pending(producers.mapEndOffset(), producers.entries());
    }

    /** Writes a captured snapshot durably and deletes all but the newest {@link #RETAINED}. */
    public void write(Pending p) throws IOException {
        AtomicFile.write(file(p.offset()), ProducerSnapshotFormat.encode(p.entries()));
        List<Long> offsets = new ArrayList<>(offsets());
        for (int i = 0; i < offsets.size() - RETAINED; i++) {
            Files.deleteIfExists(file(offsets.get(i)));
        }
    }

    private Path file(long offset) {
        return SegmentFileNames.file(dir, offset, SegmentFileNames.SNAPSHOT);
    }

    /** Offsets of the snapshots present, ascending. */
    public TreeSet<Long> offsets() throws IOException {
        TreeSet<Long> out = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFileNames.SNAPSHOT)) {
            for (Path f : files) {
                long o = SegmentFileNames.offsetOf(f.getFileName().toString());
                if (o >= 0) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** Deletes snapshots taken at offsets above {@code offset} (the log was cut below them). */
    public void deleteAbove(long offset) throws IOException {
        for (long o : offsets().tailSet(offset, false)) {
            Files.deleteIfExists(file(o));
        }
    }

    /**
     * Loads the newest readable snapshot at or below {@code maxOffset} and at or above
     * {@code minOffset} into {@code producers}; unreadable ones are deleted.
     *
     * @return the snapshot's offset, or empty when none was usable
     */
    public Optional<Long> loadLatest(ProducerStateManager producers, long minOffset, long maxOffset) throws IOException {
        for (long o : offsets().headSet(maxOffset, true).descendingSet()) {
            if (o < minOffset) {
                break;
            }
            Path f = file(o);
            try {
                producers.load(ProducerSnapshotFormat.decode(ByteBuffer.wrap(Files.readAllBytes(f))), o);
                return Optional.of(o);
            } catch (IllegalArgumentException e) {
                LOGGER.warn("Deleting unreadable producer snapshot {}: {}", f, e.getMessage());
                Files.deleteIfExists(f);
            }
        }
        return Optional.empty();
    }
}
