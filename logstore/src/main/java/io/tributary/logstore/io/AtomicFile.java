package io.tributary.logstore.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes a whole binary file so that readers see the old content or the new, never a mix. */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes {@code content} to {@code <file>.tmp}, fsyncs, renames over {@code file}, fsyncs the directory. */
    public static void write(Path file, ByteBuffer content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + CheckpointFileFormat.TMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = content.duplicate();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        FileOps.atomicMove(tmp, file);
        FileOps.fsyncDirectory(file.getParent());
    }
}
