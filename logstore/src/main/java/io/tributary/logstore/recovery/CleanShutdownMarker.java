package io.tributary.logstore.recovery;

import io.tributary.logstore.io.FileOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The empty file {@code .clean-shutdown} in the logs directory: written (and fsynced) after every
 * log has been flushed and closed and the checkpoints written, removed at start-up. Present at
 * start-up means the recovery points are exact and no segment needs scanning.
 */
public final class CleanShutdownMarker {
    public static final String FILE_NAME = ".clean-shutdown";

    private CleanShutdownMarker() {
    }

    /** True when the previous run stopped cleanly; removes the marker (durably) either way. */
    public static boolean consume(Path logsDir) throws IOException {
        boolean clean = Files.deleteIfExists(logsDir.resolve(FILE_NAME));
        if (clean) {
            FileOps.fsyncDirectory(logsDir);
        }
        return clean;
    }

    public static void write(Path logsDir) throws IOException {
        Path marker = logsDir.resolve(FILE_NAME);
        Files.deleteIfExists(marker);
        Files.createFile(marker);
        FileOps.fsyncDirectory(logsDir);
    }
}
