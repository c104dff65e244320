package io.tributary.logstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary directories for tests that build and throw away hundreds of logs (the properties): in
 * memory ({@code /dev/shm}) where the machine has it, since those tests check the store's logic, and
 * simulate crashes by copying files rather than by losing power. Elsewhere, the default temp dir.
 */
public final class ScratchDirs {
    private static final Path SHM = Path.of("/dev/shm");

    private ScratchDirs() {
    }

    public static Path create(String prefix) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, prefix);
        }
        return Files.createTempDirectory(prefix);
    }
}
