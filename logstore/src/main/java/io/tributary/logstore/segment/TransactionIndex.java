package io.tributary.logstore.segment;

import io.tributary.logstore.AbortedTxn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The transactions aborted by markers in one segment ({@code .txnindex}, {@link TransactionIndexFormat}).
 * Aborts are rare, so the entries are kept in memory once read, and the file is written through:
 * appended at each abort and fsynced with the segment.
 *
 * <p>Thread-safe: appends come from the log's writer, reads from fetchers.
 */
public final class TransactionIndex {
    private final Supplier<Path> file;
    private List<AbortedTxn> entries;
    private boolean dirty;

    /** @param file where the index is now (segment files are renamed as segments are deleted or swapped) */
    TransactionIndex(Supplier<Path> file) {
        this.file = file;
    }

    /** Records an aborted transaction (the log's writer, in marker order). */
    public synchronized void append(AbortedTxn txn) throws IOException {
        List<AbortedTxn> all = loaded();
        if (!all.isEmpty() && all.get(all.size() - 1).lastOffset() >= txn.lastOffset()) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(TransactionIndexFormat.ENTRY_SIZE);
        TransactionIndexFormat.write(b, txn);
        b.flip();
        try (FileChannel ch = FileChannel.open(file.get(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long position = (long) all.size() * TransactionIndexFormat.ENTRY_SIZE;
            while (b.hasRemaining()) {
                position += ch.write(b, position);
            }
            ch.truncate(position);
        }
        all.add(txn);
        dirty = true;
    }

    /** The aborted transactions whose records may lie in {@code [fetchOffset, upperBound)}. */
    public synchronized List<AbortedTxn> overlapping(long fetchOffset, long upperBound) throws IOException {
        List<AbortedTxn> out = null;
        for (AbortedTxn t : loaded()) {
            if (t.lastOffset() >= fetchOffset && t.firstOffset() < upperBound) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(t);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Every entry, in marker order. */
    public synchronized List<AbortedTxn> all() throws IOException {
        return List.copyOf(loaded());
    }

    /** Forgets aborts whose marker is at or after {@code offset} (the segment was truncated there). */
    public synchronized void truncateTo(long offset) throws IOException {
        List<AbortedTxn> all = loaded();
        int keep = 0;
        while (keep < all.size() && all.get(keep).lastOffset() < offset) {
            keep++;
        }
        if (keep == all.size()) {
            return;
        }
        all.subList(keep, all.size()).clear();
        Path f = file.get();
        if (Files.exists(f)) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.truncate((long) keep * TransactionIndexFormat.ENTRY_SIZE);
            }
        }
        dirty = true;
    }

    /** Makes appended entries durable. */
    public synchronized void flush() throws IOException {
        if (!dirty) {
            return;
        }
        Path f = file.get();
        if (Files.exists(f)) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        dirty = false;
    }

    private List<AbortedTxn> loaded() throws IOException {
        if (entries == null) {
            entries = readFile();
        }
        return entries;
    }

    private List<AbortedTxn> readFile() throws IOException {
        List<AbortedTxn> out = new ArrayList<>();
        Path f = file.get();
        if (!Files.exists(f)) {
            return out;
        }
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(f));
        while (all.remaining() >= TransactionIndexFormat.ENTRY_SIZE) {
            AbortedTxn t = TransactionIndexFormat.read(all);
            if (t == null) {
                break;
            }
            out.add(t);
        }
        return out;
    }
}
