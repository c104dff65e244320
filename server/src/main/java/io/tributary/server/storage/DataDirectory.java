package io.tributary.server.storage;

import io.tributary.config.ConfigException;
import io.tributary.config.NodeSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The broker's data directory: creates its layout, proves it writable, holds an exclusive lock so
 * two brokers never share it, and records whether the previous run shut down cleanly.
 *
 * <pre>
 * data/
 *   .lock              held (fcntl lock) while a broker runs
 *   .clean-shutdown    present only between a clean shutdown and the next start
 *   meta/              definitions and topic metadata
 *   logs/              partition logs
 *   queues/            queue journals
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = ".lock";
    public static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean fresh;
    private final boolean previousShutdownClean;
    private boolean closed;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock, boolean fresh, boolean previousShutdownClean) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.fresh = fresh;
        this.previousShutdownClean = previousShutdownClean;
    }

    /**
     * Opens (creating if needed) the data directory.
     *
     * @throws ConfigException naming {@code data.dir} when it cannot be created, written or locked
     */
    public static DataDirectory open(Path configured) {
        Path root = configured.toAbsolutePath().normalize();
        boolean fresh = !Files.isDirectory(root.resolve("meta"));
        try {
            Files.createDirectories(root);
            for (String sub : new String[] {"meta", "logs", "queues"}) {
                Files.createDirectories(root.resolve(sub));
            }
            Path probe = root.resolve(".write-probe");
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw notWritable(root, "permission denied");
        } catch (FileSystemException e) {
            throw notWritable(root, e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
        } catch (IOException e) {
            throw notWritable(root, e.getMessage());
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw inUse(root);
            }
            Path marker = root.resolve(CLEAN_SHUTDOWN_FILE);
            boolean clean = Files.deleteIfExists(marker);
            return new DataDirectory(root, channel, lock, fresh, clean);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(root);
        } catch (IOException e) {
            closeQuietly(channel);
            throw notWritable(root, e.getMessage());
        }
    }

    public Path root() {
        return root;
    }

    public Path metaDir() {
        return root.resolve("meta");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    public Path queuesDir() {
        return root.resolve("queues");
    }

    /** True when this start created the directory's layout: there is nothing to recover. */
    public boolean fresh() {
        return fresh;
    }

    /** True when the previous run wrote its clean-shutdown marker; recovery may then skip scans. */
    public boolean previousShutdownClean() {
        return previousShutdownClean;
    }

    /** Records that every component closed cleanly; call just before {@link #close()}. */
    public void markCleanShutdown() throws IOException {
        Path marker = root.resolve(CLEAN_SHUTDOWN_FILE);
        try (FileChannel ch = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    private static ConfigException notWritable(Path root, String why) {
        return new ConfigException(NodeSettings.DATA_DIR.name(), "directory " + root + " is not writable: " + why);
    }

    private static ConfigException inUse(Path root) {
        return new ConfigException(NodeSettings.DATA_DIR.name(), "directory " + root + " is in use by another Tributary process");
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing; the original problem is reported
            }
        }
    }
}
