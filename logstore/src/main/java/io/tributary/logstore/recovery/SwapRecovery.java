package io.tributary.logstore.recovery;

import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.record.BatchHeader;
import io.tributary.logstore.segment.LogFile;
import io.tributary.logstore.segment.SegmentFileNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves compaction swaps that a crash interrupted (the protocol is described in
 * {@link io.tributary.logstore.segment.SegmentSwap}): a {@code B.log.swap} file means the swap
 * committed, so the segments it replaced (base offsets in {@code [B, end of the swap segment)}) are
 * deleted and the {@code .swap} files take their final names; {@code .cleaned} files, and
 * {@code .swap} index files without their {@code .log.swap}, belong to swaps that never committed
 * and are deleted. Runs before the directory's segments are listed.
 */
final class SwapRecovery {
    private static final Logger LOGGER = LoggerFactory.getLogger(SwapRecovery.class);
    private static final String[] EXTENSIONS = {SegmentFileNames.INDEX, SegmentFileNames.TIME_INDEX, SegmentFileNames.TXN_INDEX,
        SegmentFileNames.LOG};

    private SwapRecovery() {
    }

    /** @return the number of swaps completed */
    static int run(Path dir) throws IOException {
        TreeSet<Long> committed = new TreeSet<>();
        List<Path> uncommitted = new ArrayList<>();
        TreeSet<Long> regularLogs = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                long base = SegmentFileNames.offsetOf(name);
                if (base < 0) {
                    continue;
                }
                if (name.endsWith(SegmentFileNames.LOG + SegmentFileNames.SWAP)) {
                    committed.add(base);
                } else if (name.endsWith(SegmentFileNames.CLEANED) || name.endsWith(SegmentFileNames.SWAP)) {
                    uncommitted.add(f);
                } else if (name.endsWith(SegmentFileNames.LOG)) {
                    regularLogs.add(base);
                }
            }
        }
        for (Path f : uncommitted) {
            long base = SegmentFileNames.offsetOf(f.getFileName().toString());
            if (f.getFileName().toString().endsWith(SegmentFileNames.CLEANED) || !committed.contains(base)) {
                Files.deleteIfExists(f);
            }
        }
        for (long base : committed) {
            complete(dir, base, regularLogs);
        }
        if (!committed.isEmpty() || !uncommitted.isEmpty()) {
            FileOps.fsyncDirectory(dir);
        }
        return committed.size();
    }

    private static void complete(Path dir, long base, TreeSet<Long> regularLogs) throws IOException {
        Path swapLog = SegmentFileNames.file(dir, base, SegmentFileNames.LOG + SegmentFileNames.SWAP);
        long end = nextOffset(swapLog, base);
        for (long replaced : new ArrayList<>(regularLogs.subSet(base, true, Math.max(base, end), false))) {
            for (String ext : EXTENSIONS) {
                Files.deleteIfExists(SegmentFileNames.file(dir, replaced, ext));
            }
            regularLogs.remove(replaced);
        }
        if (end == base) {
            // an empty swap segment replaced nothing visible; its own base's old files go
            for (String ext : EXTENSIONS) {
                Files.deleteIfExists(SegmentFileNames.file(dir, base, ext));
            }
        }
        for (String ext : EXTENSIONS) {
            Path swap = SegmentFileNames.file(dir, base, ext + SegmentFileNames.SWAP);
            if (Files.exists(swap)) {
                FileOps.atomicMove(swap, SegmentFileNames.file(dir, base, ext));
            }
        }
        regularLogs.add(base);
        LOGGER.info("{}: completed the interrupted swap of compacted segment {} (offsets {} to {})", dir.getFileName(), base, base,
                end - 1);
    }

    /** The offset after the swap segment's last batch (it was fsynced before its commit, so it is whole). */
    private static long nextOffset(Path log, long base) throws IOException {
        LogFile f = LogFile.open(log);
        try {
            long next = base;
            for (BatchHeader b : f.headersFrom(0, f.size())) {
                next = b.nextOffset();
            }
            return next;
        } finally {
            f.close();
        }
    }
}
