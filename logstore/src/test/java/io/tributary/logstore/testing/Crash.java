package io.tributary.logstore.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Simulated crashes. A copy of a live logs directory is what a {@code kill -9} leaves behind: every
 * write reached the page cache, nothing was closed, no clean-shutdown marker. Cutting and corrupting
 * the copy's files then stands for a power loss in the middle of writes.
 */
public final class Crash {
    private Crash() {
    }

    /**
     * Copies {@code from} (a live logs directory) to {@code to}. Files that background threads
     * replace while the copy runs (checkpoint {@code .tmp} files) are taken as they are found, or
     * skipped when gone: a crash at that moment could leave either.
     */
    public static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
            for (Path p : entries) {
                Path target = to.resolve(p.getFileName().toString());
                try {
                    if (Files.isDirectory(p)) {
                        copyTree(p, target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // replaced or deleted meanwhile
                }
            }
        }
    }

    /** The {@code .log} files of a partition directory, by base offset. */
    public static List<Path> segmentFiles(Path partitionDir) throws IOException {
        try (Stream<Path> s = Files.list(partitionDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /** The base offset a segment file is named by. */
    public static long baseOffsetOf(Path segmentFile) {
        return Long.parseLong(segmentFile.getFileName().toString().substring(0, 20));
    }

    public static void cut(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** Overwrites {@code length} bytes at {@code position} with {@code value}. */
    public static void overwrite(Path file, long position, int length, byte value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            for (int i = 0; i < length; i++) {
                b.put(value);
            }
            ch.write(b.flip(), position);
        }
    }

    /** Flips one bit of the byte at {@code position}. */
    public static void flipBit(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x10));
            ch.write(b.rewind(), position);
        }
    }
}
