package io.tributary.logstore.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads batch boundaries straight from a {@code .log} file, independently of the code under test. */
public final class SegmentBytes {
    /** One batch as the file has it. */
    public record Batch(long position, int size, long baseOffset, long nextOffset) {
    }

    private SegmentBytes() {
    }

    /** The batches of a file, stopping at a torn or implausible header. */
    public static List<Batch> batches(Path file) throws IOException {
        List<Batch> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(61);
            while (pos + 61 <= size) {
                header.clear();
                ch.read(header, pos);
                int batchSize = header.getInt(8) + 12;
                if (batchSize < 61 || pos + batchSize > size) {
                    break;
                }
                long base = header.getLong(0);
                out.add(new Batch(pos, batchSize, base, base + header.getInt(23) + 1));
                pos += batchSize;
            }
        }
        return out;
    }

    /** Where the first batch holding an offset at or after {@code offset} starts (the file size when none). */
    public static long positionOfFirstBatchEndingAfter(Path file, long offset) throws IOException {
        for (Batch b : batches(file)) {
            if (b.nextOffset() > offset) {
                return b.position();
            }
        }
        return java.nio.file.Files.size(file);
    }
}
