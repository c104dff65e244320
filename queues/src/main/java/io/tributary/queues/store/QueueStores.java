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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a broker keeps its queue journals: {@code <root>/<vhost>/<queue>~<incarnation>/} with
 * file-system-safe names ({@link #safeName}), the flusher that fsyncs durable ones, the shared
 * buffers and the message formats to read records back with. Thread-safe.
 */
public final class QueueStores {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueStores.class);
    private static final int MAX_NAME = 160;
    private static final String INCARNATION_SEPARATOR = "~";
    private static final int INCARNATION_DIGITS = 15;
    private static final AtomicLong INCARNATIONS = new AtomicLong();

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

    /** Where the stores of one kind live: queues directly under the root, delayed exchanges under {@code .delayed/}. */
    private Path base(String kind) {
        return kind == null ? root : root.resolve("." + kind);
    }

    /**
     * The key that names a store across incarnations: {@code [kind/]vhost/name}, file-system-safe.
     * {@link #removeAllBut} keeps the stores whose key it is given.
     */
    public static String keyOf(String kind, String vhost, String name) {
        return (kind == null ? "" : "." + kind + "/") + safeName(vhost) + "/" + safeName(name);
    }

    /**
     * Opens a store. Each incarnation of a queue (declared, deleted, declared again) gets its own
     * directory, {@code <name>~<incarnation>}, so an old one still being deleted never touches the
     * files of the new one.
     *
     * @param recover true when the queue is recovered at start-up: the newest incarnation's
     *     directory is read back (older ones, left by a deletion a crash interrupted, are removed);
     *     false for a newly declared queue, which starts with a new, empty directory
     * @param actor the queue's actor, where completions of background work come back to; call
     *     this on it (it does file I/O)
     */
    public QueueStore open(String kind, String vhost, String name, boolean durable, boolean recover, int maxPriority,
            Executor actor) {
        Path vhostDir = base(kind).resolve(safeName(vhost));
        String prefix = safeName(name) + INCARNATION_SEPARATOR;
        try {
            Files.createDirectories(vhostDir);
            Path dir = null;
            if (recover) {
                List<Path> found = incarnations(vhostDir, prefix);
                if (!found.isEmpty()) {
                    dir = found.get(found.size() - 1);
                    for (Path stale : found.subList(0, found.size() - 1)) {
                        LOGGER.info("Removing {}: an older incarnation of the queue", stale);
                        FileOps.deleteRecursively(stale);
                    }
                }
            }
            if (dir == null) {
                dir = vhostDir.resolve(prefix + nextIncarnation());
                Files.createDirectories(dir);
                if (durable) {
                    FileOps.fsyncDirectory(vhostDir);
                    FileOps.fsyncDirectory(vhostDir.getParent());
                }
            }
            QueueStore s = new QueueStore(this, dir, durable, maxPriority, actor);
            if (recover) {
                s.recover();
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store of '" + name + "' in " + vhostDir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> incarnations(Path vhostDir, String prefix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(vhostDir)) {
            for (Path d : dirs) {
                String n = d.getFileName().toString();
                if (n.startsWith(prefix) && n.length() == prefix.length() + INCARNATION_DIGITS && Files.isDirectory(d)) {
                    found.add(d);
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** Incarnations sort by creation: milliseconds since the epoch, then a counter (fixed-width hex). */
    private static String nextIncarnation() {
        long n = INCARNATIONS.incrementAndGet() & 0xFFFF;
        return String.format("%011x%04x", System.currentTimeMillis(), n);
    }

    /**
     * Removes every store directory under the root whose key (see {@link #keyOf}) is not in
     * {@code keep}: non-durable queues of the previous run, exclusive queues, and queues deleted
     * while their directory could not be removed.
     */
    public void removeAllBut(Set<String> keep) {
        try {
            removeUnder(root, "", keep);
            Path delayed = root.resolve(".delayed");
            if (Files.isDirectory(delayed)) {
                removeUnder(delayed, ".delayed/", keep);
            }
        } catch (IOException e) {
            LOGGER.warn("Could not clean up {}: {}", root, e.toString());
        }
    }

    private static void removeUnder(Path base, String keyPrefix, Set<String> keep) throws IOException {
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
                        String n = q.getFileName().toString();
                        int sep = n.lastIndexOf(INCARNATION_SEPARATOR);
                        String key = keyPrefix + vhost.getFileName() + "/" + (sep < 0 ? n : n.substring(0, sep));
                        if (!keep.contains(key)) {
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
     * Long names are cut and given a hash of the whole name ({@code #} and 32 hex digits), so they
     * stay unique and within limits. {@code ~} and {@code #} never occur otherwise.
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
            return b.substring(0, MAX_NAME - 33) + "#" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
