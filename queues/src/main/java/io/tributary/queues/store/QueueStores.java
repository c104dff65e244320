package io.tributary.queues.store;

import io.tributary.exchanges.message.MessageFormats;
import io.tributary.logstore.flush.LogFlusher;
import io.tributary.logstore.io.FileOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a broker keeps its queue journals: {@code <root>/<vhost>/<queue>/} with file-system-safe
 * names ({@link #safeName}), the flusher that fsyncs durable ones, the shared buffers and the
 * message formats to read records back with. Thread-safe.
 */
public final class QueueStores {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueStores.class);
    private static final int MAX_NAME = 160;

    private final Path root;
    private final StoreSettings settings;
    private final MessageFormats formats;
    private final LogFlusher flusher;
    private final BufferPool pool = new BufferPool();

    public QueueStores(Path root, StoreSettings settings, MessageFormats formats, LogFlusher flusher) {
        this.root = root;
        this.settings = settings;
        this.formats = formats;
        this.flusher = flusher;
    }

    public Path root() {
        return root;
    }

    StoreSettings settings() {
        return settings;
    }

    MessageFormats formats() {
        return formats;
    }

    LogFlusher flusher() {
        return flusher;
    }

    BufferPool pool() {
        return pool;
    }

    /** The directory of a queue (or of a delayed exchange's store, with {@code kind} "delayed"). */
    public Path directoryOf(String kind, String vhost, String name) {
        Path base = kind == null ? root : root.resolve("." + kind);
        return base.resolve(safeName(vhost)).resolve(safeName(name));
    }

    /**
     * Opens a queue's journal.
     *
     * @param recover true when the queue is recovered at start-up: what its directory holds is read
     *     back; false for a newly declared queue, whose directory starts empty
     * @param actor the queue's actor, where completions of background work come back to
     */
    public QueueStore open(Path dir, boolean durable, boolean recover, int maxPriority, Executor actor) {
        QueueStore s = new QueueStore(this, dir, durable, maxPriority, actor);
        try {
            if (!recover) {
                FileOps.deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            if (durable) {
                FileOps.fsyncDirectory(dir.getParent());
                FileOps.fsyncDirectory(dir.getParent().getParent());
            }
            if (recover) {
                s.recover();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the queue store in " + dir + ": " + e.getMessage(), e);
        }
        return s;
    }

    /**
     * Removes every queue directory under {@code root} that is not in {@code keep}: non-durable
     * queues of the previous run, and queues deleted while their directory could not be removed.
     */
    public void removeAllBut(Set<Path> keep) {
        try {
            removeUnder(root, keep);
            Path delayed = root.resolve(".delayed");
            if (Files.isDirectory(delayed)) {
                removeUnder(delayed, keep);
            }
        } catch (IOException e) {
            LOGGER.warn("Could not clean up {}: {}", root, e.toString());
        }
    }

    private static void removeUnder(Path base, Set<Path> keep) throws IOException {
        if (!Files.isDirectory(base)) {
            return;
        }
        try (DirectoryStream<Path> vhosts = Files.newDirectoryStream(base)) {
            for (Path vhost : vhosts) {
                if (!Files.isDirectory(vhost) || vhost.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try (DirectoryStream<Path> queues = Files.newDirectoryStream(vhost)) {
                    for (Path q : queues) {
                        if (!keep.contains(q)) {
                            LOGGER.info("Removing {}: no durable queue or exchange owns it", q);
                            FileOps.deleteRecursively(q);
                        }
                    }
                }
            }
        }
    }

    /**
     * A file name for any queue, exchange or vhost name: letters, digits, {@code -}, {@code _} and
     * {@code .} stay (except a leading dot); every other byte of the UTF-8 form becomes {@code %XX}.
     * Long names are cut and given a hash of the whole name, so they stay unique and within limits.
     */
    public static String safeName(String name) {
        StringBuilder b = new StringBuilder();
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            int c = utf8[i] & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c == '.' && i > 0);
            if (plain) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        if (b.length() == 0) {
            return "%";
        }
        if (b.length() <= MAX_NAME) {
            return b.toString();
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(utf8);
            return b.substring(0, MAX_NAME - 33) + "~" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
