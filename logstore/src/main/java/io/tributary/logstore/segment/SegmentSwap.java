package io.tributary.logstore.segment;

import io.tributary.logstore.io.FileOps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Replaces a run of segments by their compacted copy so that a crash at any moment leaves either the
 * old segments or the new one, never a mix and never neither (Kafka's protocol):
 *
 * <pre>
 *   1. the cleaner writes  B.log.cleaned  B.index.cleaned  B.timeindex.cleaned   and fsyncs them
 *   2. rename .cleaned -> .swap, indexes first, B.log.swap last; fsync the directory   (commit point)
 *   3. rename every replaced segment's files to .deleted (deleted after file.delete.delay.ms)
 *   4. rename .swap -> (no suffix), indexes first, B.log last; fsync the directory
 * </pre>
 *
 * B is the base offset of the first replaced segment. Recovery ({@code recovery/SwapRecovery})
 * deletes {@code .cleaned} files (a swap that never committed) and completes every swap whose
 * {@code B.log.swap} exists: it deletes the segments whose base offsets lie in the swap segment's
 * offset range and renames the {@code .swap} files. The compacted copy always ends at the replaced
 * run's last offset (the cleaner keeps the run's last batch, empty if need be), so that range is
 * exactly the run that was replaced.
 *
 * <p>Runs under the owning log's lock, so no append, roll or truncation interleaves with steps 2-4.
 */
public final class SegmentSwap {
    /** A step of the protocol that has just completed (crash tests copy the directory at each). */
    public enum Step {
        /** The compacted copy is complete and fsynced, still named {@code .cleaned}: a crash discards it. */
        WRITTEN,
        /** The {@code .swap} files are durable: recovery will finish the swap. */
        COMMITTED,
        /** The replaced segments' files are renamed to {@code .deleted}. */
        OLD_RENAMED,
        /** The new segment has its final names, and the directory is fsynced. */
        COMPLETED
    }

    /** Observes the steps; {@link #NONE} in production. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = step -> { };

        void reached(Step step);
    }

    /** An I/O failure after the commit point: the files are mid-swap until a restart completes it. */
    public static final class CommittedSwapException extends IOException {
        private static final long serialVersionUID = 1L;

        CommittedSwapException(String message, IOException cause) {
            super(message, cause);
        }
    }

    private SegmentSwap() {
    }

    /**
     * Swaps {@code cleaned} (flushed, inactive, named {@code .cleaned}) in for {@code replaced} in
     * {@code segments}. Readers holding a replaced segment keep reading it: its files stay open until
     * the caller deletes them.
     *
     * @throws CommittedSwapException when an I/O failure leaves the swap committed but unfinished
     * @throws IOException when it fails before the commit point (nothing changed but {@code cleaned}'s names)
     */
    public static void replace(Path dir, LogSegments segments, LogSegment cleaned, List<LogSegment> replaced, Listener listener)
            throws IOException {
        listener.reached(Step.WRITTEN);
        cleaned.changeSuffix(SegmentFileNames.SWAP);
        FileOps.fsyncDirectory(dir);
        listener.reached(Step.COMMITTED);
        try {
            for (LogSegment old : replaced) {
                old.changeSuffix(SegmentFileNames.DELETED);
            }
            listener.reached(Step.OLD_RENAMED);
            cleaned.changeSuffix("");
            // the new segment first (it takes the first replaced one's key), so a reader never finds a gap
            segments.add(cleaned);
            for (LogSegment old : replaced) {
                if (old.baseOffset() != cleaned.baseOffset()) {
                    segments.remove(old.baseOffset());
                }
            }
            FileOps.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new CommittedSwapException("swapping in the compacted segment " + cleaned.baseOffset() + " of " + dir
                    + " failed after its commit point", e);
        }
        listener.reached(Step.COMPLETED);
    }
}
