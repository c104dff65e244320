package io.tributary.logstore.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A small text file replaced atomically, in Kafka's checkpoint layout (see
 * {@link CheckpointFileFormat}). A reader sees either the old or the new content, never a mix, even
 * after a crash: the new content is written to {@code <name>.tmp}, fsynced, renamed over the old
 * file, and the directory is fsynced.
 *
 * <p>Not thread-safe: each checkpoint has one writer (callers serialise).
 *
 * @param <T> one entry
 */
public final class CheckpointFile<T> {
    /** Turns entries into lines and back. */
    public interface EntryFormat<T> {
        String toLine(T entry);

        /** Parses one line; throws {@link IllegalArgumentException} when it is malformed. */
        T fromLine(String line);
    }

    private final Path file;
    private final int version;
    private final EntryFormat<T> format;

    public CheckpointFile(Path file, int version, EntryFormat<T> format) {
        this.file = file;
        this.version = version;
        this.format = format;
    }

    public Path path() {
        return file;
    }

    /** Replaces the file's content durably with {@code entries}. */
    public void write(List<T> entries) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8));
            w.write(Integer.toString(version));
            w.newLine();
            w.write(Integer.toString(entries.size()));
            w.newLine();
            for (T e : entries) {
                w.write(format.toLine(e));
                w.newLine();
            }
            w.flush();
            ch.force(true);
        }
        FileOps.atomicMove(tmp, file);
        FileOps.fsyncDirectory(file.getParent());
    }

    /**
     * Reads the entries; a missing file reads as empty.
     *
     * @throws CorruptCheckpointException when the file is malformed or of another version
     */
    public List<T> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (lines.size() < 2) {
            throw new CorruptCheckpointException(file, "missing version or entry count");
        }
        try {
            int v = Integer.parseInt(lines.get(0).trim());
            if (v != version) {
                throw new CorruptCheckpointException(file, "unsupported version " + v + " (expected " + version + ")");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (count != lines.size() - 2) {
                throw new CorruptCheckpointException(file, "expected " + count + " entries, found " + (lines.size() - 2));
            }
            List<T> entries = new ArrayList<>(count);
            for (int i = 2; i < lines.size(); i++) {
                entries.add(format.fromLine(lines.get(i)));
            }
            return entries;
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(file, e.getMessage());
        }
    }

    /** A checkpoint that cannot be parsed: callers fall back to the safe default (rescan, rebuild). */
    public static final class CorruptCheckpointException extends IOException {
        private static final long serialVersionUID = 1L;

        public CorruptCheckpointException(Path file, String why) {
            super("checkpoint " + file + " is malformed: " + why);
        }
    }
}
