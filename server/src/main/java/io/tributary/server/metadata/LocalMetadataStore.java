package io.tributary.server.metadata;

import io.tributary.config.metadata.MetadataListener;
import io.tributary.config.metadata.MetadataListeners;
import io.tributary.config.metadata.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node metadata store: an append-only, CRC-checked record log in {@code data/meta},
 * replayed into memory at start-up and rewritten compactly when it holds mostly dead records.
 *
 * <p>Writes run on one writer thread, which appends, fsyncs and only then publishes the change to
 * readers and completes the caller's future; so callers on event loops never wait for the disk.
 * The first I/O failure poisons the store: that write and every later one fail. Listeners hear of
 * each write that changed a record, after it was published, on the {@code metadata-listeners} thread.
 */
public final class LocalMetadataStore implements MetadataStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalMetadataStore.class);
    static final String LOG_FILE = "metadata.log";
    private static final int COMPACT_MIN_RECORDS = 1_000;

    private final Path dir;
    private final Map<String, Map<String, String>> kinds = new ConcurrentHashMap<>();
    private final ExecutorService writer;
    private final MetadataListeners listeners = new MetadataListeners();
    private FileChannel log;
    private int recordsInLog;
    private IOException failure;

    private LocalMetadataStore(Path dir) {
        this.dir = dir;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metadata-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the store in {@code dir}, recovering a torn tail left by a crash. */
    public static LocalMetadataStore open(Path dir) throws IOException {
        LocalMetadataStore store = new LocalMetadataStore(dir);
        store.load();
        return store;
    }

    private void load() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(LOG_FILE);
        boolean fresh = !Files.exists(file) || Files.size(file) < MetadataLogFormat.HEADER_SIZE;
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (fresh) {
            log.truncate(0);
            log.write(MetadataLogFormat.header(), 0);
            log.force(true);
            fsyncDir();
        } else {
            replay(file);
        }
        log.position(log.size());
    }

    private void replay(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        byte[] magic = new byte[4];
        all.get(magic);
        short version = all.getShort();
        if (!Arrays.equals(magic, MetadataLogFormat.MAGIC) || version != MetadataLogFormat.VERSION) {
            throw new IOException(file + " is not a Tributary metadata log (bad magic or version " + version + ")");
        }
        long valid = all.position();
        while (all.remaining() >= MetadataLogFormat.RECORD_OVERHEAD) {
            int length = all.getInt(all.position());
            int crc = all.getInt(all.position() + 4);
            if (length < 4 || all.remaining() - 4 < length) {
                break;
            }
            ByteBuffer body = all.slice(all.position() + MetadataLogFormat.RECORD_OVERHEAD, length - 4);
            if (!MetadataLogFormat.crcMatches(body, crc)) {
                break;
            }
            apply(MetadataLogFormat.decodeBody(body));
            recordsInLog++;
            all.position(all.position() + 4 + length);
            valid = all.position();
        }
        if (valid < all.limit()) {
            LOGGER.warn("Metadata log {} had a torn tail of {} bytes after a crash; truncated", file, all.limit() - valid);
            log.truncate(valid);
            log.force(true);
        }
    }

    private void apply(MetadataLogFormat.Entry e) {
        if (e.op() == MetadataLogFormat.OP_PUT) {
            kinds.computeIfAbsent(e.kind(), k -> new ConcurrentHashMap<>()).put(e.key(), e.value());
        } else {
            Map<String, String> records = kinds.get(e.kind());
            if (records != null) {
                records.remove(e.key());
            }
        }
    }

    @Override
    public Map<String, String> list(String kind) {
        Map<String, String> records = kinds.get(kind);
        return records == null ? Map.of() : new TreeMap<>(records);
    }

    @Override
    public String get(String kind, String key) {
        Map<String, String> records = kinds.get(kind);
        return records == null ? null : records.get(key);
    }

    /** Every record of every kind, sorted (what a switch to the Raft store merges in). */
    public Map<String, Map<String, String>> all() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        kinds.forEach((k, r) -> {
            if (!r.isEmpty()) {
                out.put(k, new TreeMap<>(r));
            }
        });
        return out;
    }

    @Override
    public CompletableFuture<Void> put(String kind, String key, String json) {
        return write(new MetadataLogFormat.Entry(MetadataLogFormat.OP_PUT, kind, key, json));
    }

    @Override
    public CompletableFuture<Boolean> putIfAbsent(String kind, String key, String json) {
        return compareAndPut(kind, key, null, json);
    }

    /** Compared and written on the writer thread, after every write submitted before it; a write is a plain put record. */
    @Override
    public CompletableFuture<Boolean> compareAndPut(String kind, String key, String expectedJson, String json) {
        return CompletableFuture.supplyAsync(() -> {
            if (!Objects.equals(get(kind, key), expectedJson)) {
                if (failure != null) {
                    throw new UncheckedIOException(failure);
                }
                return false;
            }
            writeNow(new MetadataLogFormat.Entry(MetadataLogFormat.OP_PUT, kind, key, json));
            return true;
        }, writer);
    }

    @Override
    public CompletableFuture<Void> delete(String kind, String key) {
        return write(new MetadataLogFormat.Entry(MetadataLogFormat.OP_DELETE, kind, key, ""));
    }

    @Override
    public void addListener(String kind, MetadataListener listener) {
        listeners.add(kind, listener);
    }

    @Override
    public void removeListener(String kind, MetadataListener listener) {
        listeners.remove(kind, listener);
    }

    private CompletableFuture<Void> write(MetadataLogFormat.Entry e) {
        return CompletableFuture.runAsync(() -> writeNow(e), writer);
    }

    /** On the writer thread: append, fsync, publish to readers, then to listeners when a record changed. */
    private void writeNow(MetadataLogFormat.Entry e) {
        try {
            if (failure != null) {
                throw failure;
            }
            String before = get(e.kind(), e.key());
            ByteBuffer record = MetadataLogFormat.encode(e.op(), e.kind(), e.key(), e.value());
            while (record.hasRemaining()) {
                log.write(record);
            }
            log.force(false);
            recordsInLog++;
            apply(e);
            String after = e.op() == MetadataLogFormat.OP_PUT ? e.value() : null;
            if (!Objects.equals(before, after)) {
                listeners.publish(new MetadataListeners.Change(e.kind(), e.key(), after));
            }
            maybeCompact();
        } catch (IOException ex) {
            if (failure == null) {
                failure = ex;
                LOGGER.error("Metadata store {} failed; no further metadata changes are possible", dir, ex);
            }
            throw new UncheckedIOException(ex);
        }
    }

    /** Rewrites the log with only the live records once dead ones dominate (write-temp, fsync, rename). */
    private void maybeCompact() throws IOException {
        int live = kinds.values().stream().mapToInt(Map::size).sum();
        if (recordsInLog < COMPACT_MIN_RECORDS || recordsInLog < 2 * live) {
            return;
        }
        Path tmp = dir.resolve(LOG_FILE + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(MetadataLogFormat.header());
            for (Map.Entry<String, Map<String, String>> kind : new TreeMap<>(kinds).entrySet()) {
                for (Map.Entry<String, String> r : new TreeMap<>(kind.getValue()).entrySet()) {
                    ByteBuffer b = MetadataLogFormat.encode(MetadataLogFormat.OP_PUT, kind.getKey(), r.getKey(), r.getValue());
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
            }
            out.force(true);
        }
        log.close();
        Files.move(tmp, dir.resolve(LOG_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDir();
        log = FileChannel.open(dir.resolve(LOG_FILE), StandardOpenOption.READ, StandardOpenOption.WRITE);
        log.position(log.size());
        recordsInLog = live;
    }

    private void fsyncDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOGGER.warn("Metadata writer did not finish within 30 s");
            }
            listeners.close();
            log.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOGGER.warn("Closing metadata log failed", e);
        }
    }
}
