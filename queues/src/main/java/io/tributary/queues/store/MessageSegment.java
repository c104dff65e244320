package io.tributary.queues.store;

import io.tributary.logstore.segment.LogFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * One {@code msgs.N} segment of a journal and its {@code acks.N} file ({@link QueueStoreFormat}),
 * both {@link LogFile}s from logstore: positional appends to the page cache, fsync by the flusher.
 * Appends and acks are buffered and written together by {@link #writePending}, once per actor turn.
 *
 * <p>Confined to its queue's actor, except {@link LogFile#flush()} which the flusher calls.
 */
final class MessageSegment {
    /** Writes larger than this go out in pieces, so NIO never caches a huge temporary direct buffer. */
    static final int WRITE_CHUNK = BufferPool.SIZE;

    final long id;
    private final Path msgsPath;
    private final Path acksPath;
    private LogFile msgs;
    private LogFile acks;
    /** Bytes of the msgs file including what is still buffered. */
    private int logicalSize;
    /** Records appended (or found by recovery). */
    int records;
    /** Records settled: never to be delivered again. */
    int settled;
    /** Records taken out of the ready sequence and not yet settled (unacked, being dead-lettered). */
    int taken;
    /** Positions beyond the read cursor that recovery found settled or transient. */
    Set<Integer> skip;
    /** Delivery counts of live records found by recovery. */
    Map<Integer, Integer> marks;
    private final BufferPool pool;
    /** Borrowed from the pool while appends are buffered; given back by {@link #writePending}. */
    private ByteBuffer pending;
    private int[] ackPending = new int[16];
    private int ackCount;
    /** Bytes written directly (records too big for the buffer) and not yet reported by writePending. */
    private int unreported;
    private boolean dirty;
    private boolean settlementsPending;
    private int lastWriteSync;
    /** On its store's list of segments to write at the end of the turn. */
    boolean listed;
    boolean deleted;

    private MessageSegment(long id, Path dir, LogFile msgs, LogFile acks, BufferPool pool) {
        this.id = id;
        this.pool = pool;
        this.msgsPath = dir.resolve(QueueStoreFormat.msgsName(id));
        this.acksPath = dir.resolve(QueueStoreFormat.acksName(id));
        this.msgs = msgs;
        this.acks = acks;
        this.logicalSize = msgs.size();
    }

    /** Creates a new, empty segment: both files with their headers (not yet fsynced). */
    static MessageSegment create(Path dir, long id, BufferPool pool) throws IOException {
        LogFile m = LogFile.open(dir.resolve(QueueStoreFormat.msgsName(id)));
        LogFile a = LogFile.open(dir.resolve(QueueStoreFormat.acksName(id)));
        ByteBuffer h = ByteBuffer.allocate(QueueStoreFormat.FILE_HEADER_SIZE);
        if (m.size() == 0) {
            QueueStoreFormat.writeFileHeader(h, QueueStoreFormat.MSGS_MAGIC);
            m.append(h.flip());
        }
        if (a.size() == 0) {
            h.clear();
            QueueStoreFormat.writeFileHeader(h, QueueStoreFormat.ACKS_MAGIC);
            a.append(h.flip());
        }
        return new MessageSegment(id, dir, m, a, pool);
    }

    /** Opens an existing segment for recovery. */
    static MessageSegment open(Path dir, long id, BufferPool pool) throws IOException {
        LogFile m = LogFile.open(dir.resolve(QueueStoreFormat.msgsName(id)));
        LogFile a = LogFile.open(dir.resolve(QueueStoreFormat.acksName(id)));
        return new MessageSegment(id, dir, m, a, pool);
    }

    LogFile msgsFile() {
        return msgs;
    }

    LogFile acksFile() {
        return acks;
    }

    int logicalSize() {
        return logicalSize;
    }

    /** Bytes of the msgs file already written (readable). */
    int writtenSize() {
        return msgs.size();
    }

    boolean fullySettled() {
        return settled >= records;
    }

    boolean dirty() {
        return dirty;
    }

    /** Buffers one record; returns its position. */
    int append(QueueStoreFormat.Encoded e) throws IOException {
        int size = e.size();
        int pos = logicalSize;
        dirty = true;
        if (size > WRITE_CHUNK) {
            unreported += writeMsgs();
            ByteBuffer whole = e.toBuffer();
            while (whole.hasRemaining()) {
                ByteBuffer slice = whole.slice();
                slice.limit(Math.min(WRITE_CHUNK, slice.remaining()));
                unreported += msgs.append(slice);
                whole.position(whole.position() + slice.limit());
            }
            logicalSize += size;
            return pos;
        }
        if (pending == null) {
            pending = pool.acquire();
        } else if (pending.remaining() < size) {
            unreported += writeMsgs();
        }
        int start = pending.position();
        pending.position(start + QueueStoreFormat.RECORD_PREFIX);
        e.writePayload(pending);
        int end = pending.position();
        CRC32C crc = new CRC32C();
        ByteBuffer payload = pending.duplicate();
        payload.position(start + QueueStoreFormat.RECORD_PREFIX).limit(end);
        crc.update(payload);
        pending.putInt(start, end - start - 4).putInt(start + 4, (int) crc.getValue());
        logicalSize += size;
        return pos;
    }

    /** Buffers an acks entry (a settlement, or a delivery mark with {@link QueueStoreFormat#DELIVERED_BIT}). */
    void addAckEntry(int entry) {
        if (ackCount == ackPending.length) {
            ackPending = Arrays.copyOf(ackPending, ackCount * 2);
        }
        ackPending[ackCount++] = entry;
        if ((entry & QueueStoreFormat.DELIVERED_BIT) == 0) {
            settlementsPending = true;
        }
        dirty = true;
    }

    /**
     * What the last {@link #writePending} wrote that needs an fsync: bit 0 records, bit 1
     * settlements. Delivery marks alone do not: they only decide the redelivered flag, and a
     * process crash keeps them anyway (page cache).
     */
    int lastWriteNeedsSync() {
        return lastWriteSync;
    }

    /** Writes what is buffered and gives the write buffer back; returns the bytes written. */
    int writePending() throws IOException {
        int n = writeMsgs() + unreported;
        lastWriteSync = (n > 0 ? 1 : 0) | (settlementsPending ? 2 : 0);
        settlementsPending = false;
        unreported = 0;
        pool.release(pending);
        pending = null;
        if (ackCount > 0) {
            ByteBuffer scratch = pool.acquire();
            try {
                int i = 0;
                while (i < ackCount) {
                    scratch.clear();
                    while (i < ackCount && scratch.remaining() >= QueueStoreFormat.ACK_ENTRY_SIZE) {
                        scratch.putInt(ackPending[i++]);
                    }
                    n += acks.append(scratch.flip());
                }
            } finally {
                pool.release(scratch);
            }
            ackCount = 0;
            if (ackPending.length > 1024) {
                ackPending = new int[16];
            }
        }
        dirty = false;
        return n;
    }

    private int writeMsgs() throws IOException {
        if (pending == null || pending.position() == 0) {
            return 0;
        }
        pending.flip();
        int n = msgs.append(pending);
        pending.clear();
        return n;
    }

    /** Reads {@code dst.remaining()} bytes of the msgs file at {@code position}. */
    void read(ByteBuffer dst, int position) throws IOException {
        msgs.readFully(dst, position);
    }

    void recordSkip(int position) {
        if (skip == null) {
            skip = new HashSet<>();
        }
        skip.add(position);
    }

    void recordMark(int position) {
        if (marks == null) {
            marks = new HashMap<>();
        }
        marks.merge(position, 1, Integer::sum);
    }

    /** Recovery cut the msgs file at {@code validEnd}. */
    void truncateMsgs(int validEnd) throws IOException {
        msgs.truncateTo(validEnd);
        logicalSize = validEnd;
    }

    /** Closes both files. */
    void close() throws IOException {
        try {
            msgs.close();
        } finally {
            acks.close();
        }
    }

    /** Closes and removes both files. */
    void delete() throws IOException {
        deleted = true;
        close();
        Files.deleteIfExists(msgsPath);
        Files.deleteIfExists(acksPath);
    }

    @Override
    public String toString() {
        return msgsPath.toString();
    }
}
