package io.tributary.queues.store;

import io.tributary.exchanges.message.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One FIFO of a queue (the whole queue, or one priority level of a priority queue) over its
 * segments: records are appended in arrival order and read back in that order through a cursor.
 *
 * <p>Memory holds only a bounded <em>window</em>: the next messages to deliver, with their bodies.
 * Everything behind the window lives only on disk and is read, a chunk at a time, when the window
 * runs dry; so a backlog is bounded by disk, not heap. Messages are in memory outside the window
 * only when they must be: entries being delivered (without body), requeued entries (which go back
 * to their original place, ahead of the window), and <em>pinned</em> entries whose expiry is earlier
 * than that of a message ahead of them (so a timer can expire them where they are).
 *
 * <p>Every live record is either before the cursor (in the window, requeued, delivered or settled)
 * or at/after it (on disk, possibly pinned). Confined to the queue's actor.
 */
final class Journal {
    final int level;
    private final QueueStore store;
    private final Path dir;
    private final TreeMap<Long, MessageSegment> segments = new TreeMap<>();
    private MessageSegment active;
    private long nextSegmentId = 1;
    /** The next record not yet in the window: segment id ({@code -1} when nothing was ever appended) and position. */
    private long cursorSegment = -1;
    private int cursorPos = QueueStoreFormat.FILE_HEADER_SIZE;
    private final ArrayDeque<QueueEntry> window = new ArrayDeque<>();
    private long windowBytes;
    private final TreeSet<QueueEntry> returned = new TreeSet<>(Comparator.comparingLong(QueueEntry::seq));
    private final Map<Long, QueueEntry> pinned = new HashMap<>();
    private long maxExpiresAt = Long.MIN_VALUE;
    private long ready;
    private long readyBytes;

    Journal(QueueStore store, int level, Path dir) {
        this.store = store;
        this.level = level;
        this.dir = dir;
    }

    long ready() {
        return ready;
    }

    long readyBytes() {
        return readyBytes;
    }

    Path dir() {
        return dir;
    }

    // ---- appending ------------------------------------------------------------------------

    QueueEntry append(QueueStoreFormat.Encoded rec, Message message) throws IOException {
        boolean caughtUp = atEnd();
        int size = rec.size();
        if (active == null || (active.logicalSize() > QueueStoreFormat.FILE_HEADER_SIZE
                && (long) active.logicalSize() + size > store.settings().segmentBytes())) {
            roll();
            if (caughtUp) {
                cursorSegment = active.id;
                cursorPos = QueueStoreFormat.FILE_HEADER_SIZE;
            }
        }
        int pos = active.append(rec);
        store.dirty(active);
        active.records++;
        QueueStoreFormat.Meta meta = rec.meta;
        boolean outOfOrder = meta.expiresAt() < maxExpiresAt;
        maxExpiresAt = Math.max(maxExpiresAt, meta.expiresAt());
        QueueEntry e = new QueueEntry(this, active.id, pos, size, rec.body.length, meta, outOfOrder);
        ready++;
        readyBytes += e.bodySize();
        if (caughtUp && windowHasRoom(e.bodySize())) {
            e.message = message;
            e.inWindow = true;
            window.addLast(e);
            windowBytes += e.bodySize();
            cursorPos = pos + size;
        } else if (outOfOrder) {
            pinned.put(e.seq(), e);
        }
        return e;
    }

    private boolean windowHasRoom(int bodySize) {
        StoreSettings s = store.settings();
        return window.size() < s.windowMessages() && (window.isEmpty() || windowBytes + bodySize <= s.windowBytes());
    }

    private boolean atEnd() {
        if (active == null) {
            return cursorSegment < 0 || segments.isEmpty() || segments.lastKey() < cursorSegment
                    || (cursorSegment == segments.lastKey() && cursorPos >= segments.lastEntry().getValue().logicalSize());
        }
        return cursorSegment == active.id && cursorPos >= active.logicalSize();
    }

    private void roll() throws IOException {
        MessageSegment old = active;
        if (segments.isEmpty()) {
            java.nio.file.Files.createDirectories(dir);
        }
        active = MessageSegment.create(dir, nextSegmentId++, store.pool());
        segments.put(active.id, active);
        store.segmentCreated(active);
        if (old != null && old.fullySettled()) {
            retire(old);
        }
    }

    // ---- reading --------------------------------------------------------------------------

    /** The next ready entry, without taking it; null when there is none. */
    QueueEntry peek() {
        if (!returned.isEmpty()) {
            return returned.first();
        }
        for (;;) {
            QueueEntry h = window.peekFirst();
            if (h == null) {
                if (ready == 0 || !fill()) {
                    return null;
                }
                continue;
            }
            if (h.state == QueueEntry.READY) {
                return h;
            }
            window.pollFirst();
            h.inWindow = false;
            windowBytes -= h.bodySize();
        }
    }

    /** Takes the next ready entry out of the ready sequence (it is then delivered or settled). */
    QueueEntry poll() {
        QueueEntry e = peek();
        if (e != null) {
            take(e);
        }
        return e;
    }

    /** Takes a ready entry out of the ready sequence, wherever it waits. */
    void take(QueueEntry e) {
        if (e.state != QueueEntry.READY) {
            throw new IllegalStateException(e + " is not ready");
        }
        detach(e);
        e.state = QueueEntry.TAKEN;
        ready--;
        readyBytes -= e.bodySize();
        segmentOf(e).taken++;
    }

    /** Removes a ready entry from wherever it waits: requeued, in the window, or on disk behind the cursor. */
    private void detach(QueueEntry e) {
        if (returned.remove(e)) {
            return;
        }
        if (e.inWindow) {
            if (window.peekFirst() == e) {
                window.pollFirst();
            } else {
                window.removeFirstOccurrence(e);
            }
            e.inWindow = false;
            windowBytes -= e.bodySize();
            return;
        }
        pinned.remove(e.seq());
        segmentOf(e).recordSkip(e.position);
    }

    /** The message of an entry: from memory, or read back from its segment. */
    Message read(QueueEntry e) throws IOException {
        if (e.message != null) {
            return e.message;
        }
        MessageSegment s = segmentOf(e);
        if (e.position + e.size > s.writtenSize()) {
            store.writeOut();
        }
        ByteBuffer b = ByteBuffer.allocate(e.size);
        s.read(b, e.position);
        return store.toMessage(QueueStoreFormat.decode(b, 0, e.size));
    }

    /**
     * Loads the next records behind the window into it. Returns false when there were none.
     */
    private boolean fill() {
        int before = window.size();
        ByteBuffer buf = null;
        try {
            while (windowHasRoom(0)) {
                MessageSegment s = cursorSegmentOrNext();
                if (s == null || (cursorPos >= s.logicalSize() && s == active)) {
                    break;
                }
                if (cursorPos >= s.logicalSize()) {
                    advanceCursorPast(s);
                    continue;
                }
                if (cursorPos >= s.writtenSize()) {
                    store.writeOut();
                }
                if (buf == null) {
                    buf = store.pool().acquire();
                }
                loadChunk(s, buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        } finally {
            store.pool().release(buf);
        }
        return window.size() > before;
    }

    private MessageSegment cursorSegmentOrNext() {
        if (cursorSegment < 0) {
            return null;
        }
        MessageSegment s = segments.get(cursorSegment);
        if (s == null) {
            Map.Entry<Long, MessageSegment> next = segments.higherEntry(cursorSegment);
            if (next == null) {
                return null;
            }
            cursorSegment = next.getKey();
            cursorPos = QueueStoreFormat.FILE_HEADER_SIZE;
            s = next.getValue();
        }
        return s;
    }

    private void advanceCursorPast(MessageSegment s) {
        Long next = segments.higherKey(s.id);
        if (next != null) {
            cursorSegment = next;
            cursorPos = QueueStoreFormat.FILE_HEADER_SIZE;
        } else {
            cursorSegment = s.id + 1;
            cursorPos = QueueStoreFormat.FILE_HEADER_SIZE;
        }
    }

    /** Reads one chunk at the cursor and moves every complete record in it into the window. */
    private void loadChunk(MessageSegment s, ByteBuffer buf) throws IOException {
        int avail = s.writtenSize() - cursorPos;
        buf.clear().limit(Math.min(buf.capacity(), avail));
        s.read(buf, cursorPos);
        buf.flip();
        int off = 0;
        while (off + 4 <= buf.limit() && windowHasRoom(0)) {
            int size = QueueStoreFormat.recordSize(buf, off, (long) avail - off);
            if (size < 0) {
                throw new IOException("corrupt record in " + s + " at " + (cursorPos + off));
            }
            ByteBuffer src = buf;
            int at = off;
            if (off + size > buf.limit()) {
                if (off > 0) {
                    break;
                }
                src = ByteBuffer.allocate(size);
                s.read(src, cursorPos);
                src.flip();
                at = 0;
            }
            admit(s, cursorPos + off, src, at, size);
            off += size;
            if (src != buf) {
                break;
            }
        }
        cursorPos += off;
    }

    private void admit(MessageSegment s, int pos, ByteBuffer src, int at, int size) {
        long seq = (s.id << 32) | pos;
        QueueEntry e = pinned.remove(seq);
        if (e == null) {
            if (s.skip != null && s.skip.remove(pos)) {
                return;
            }
            QueueStoreFormat.Meta meta = QueueStoreFormat.readMeta(src, at);
            e = new QueueEntry(this, s.id, pos, size, QueueStoreFormat.bodySizeOf(src, at, size), meta, false);
            if (s.marks != null) {
                Integer n = s.marks.remove(pos);
                e.deliveries = n == null ? 0 : n;
            }
        } else if (e.state != QueueEntry.READY) {
            return;
        }
        e.message = store.toMessage(QueueStoreFormat.decode(src, at, size));
        e.inWindow = true;
        window.addLast(e);
        windowBytes += e.bodySize();
    }

    // ---- settling -------------------------------------------------------------------------

    /** Counts one more delivery; durable stores remember it for redelivered flags after a restart. */
    void markDelivered(QueueEntry e) {
        e.deliveries++;
        if (store.isDurable() && e.persistent()) {
            MessageSegment s = segmentOf(e);
            s.addAckEntry(e.position | QueueStoreFormat.DELIVERED_BIT);
            store.dirty(s);
        }
    }

    /** The entry is gone for good: acked, expired, dead-lettered, dropped or purged. */
    void settle(QueueEntry e) {
        if (e.state == QueueEntry.SETTLED) {
            return;
        }
        MessageSegment s = segmentOf(e);
        if (e.state == QueueEntry.READY) {
            ready--;
            readyBytes -= e.bodySize();
            detach(e);
        } else {
            s.taken--;
        }
        e.state = QueueEntry.SETTLED;
        e.message = null;
        if (e.confirm != null) {
            // consumed and acked (or expired, dead-lettered, dropped) before its fsync: as in
            // RabbitMQ, the publisher may be told now, the broker is done with it
            e.confirm.complete(null);
            e.confirm = null;
        }
        settleRecord(s, e.position, e.persistent());
    }

    private void settleRecord(MessageSegment s, int position, boolean persistent) {
        s.settled++;
        if (store.isDurable() && persistent) {
            s.addAckEntry(position);
            store.dirty(s);
        }
        if (s != active && s.fullySettled()) {
            retire(s);
        }
    }

    /** A delivered entry goes back to its original place, ahead of every message that arrived after it. */
    void requeue(QueueEntry e) {
        if (e.state != QueueEntry.TAKEN) {
            return;
        }
        segmentOf(e).taken--;
        e.state = QueueEntry.READY;
        returned.add(e);
        ready++;
        readyBytes += e.bodySize();
    }

    /** A fully settled segment leaves the journal; its files go once its acks are durable. */
    private void retire(MessageSegment s) {
        segments.remove(s.id);
        if (cursorSegment == s.id) {
            advanceCursorPast(s);
        }
        pinned.values().removeIf(p -> p.segment == s.id);
        store.deleteWhenDurable(s);
    }

    private MessageSegment segmentOf(QueueEntry e) {
        MessageSegment s = segments.get(e.segment);
        if (s == null) {
            throw new IllegalStateException("segment " + e.segment + " of " + dir + " is gone but " + e + " is not settled");
        }
        return s;
    }

    // ---- purge ----------------------------------------------------------------------------

    /** Settles every ready message; returns how many. */
    long purge() throws IOException {
        long n = 0;
        for (QueueEntry e : List.copyOf(returned)) {
            settle(e);
            n++;
        }
        for (QueueEntry e : List.copyOf(window)) {
            if (e.state == QueueEntry.READY) {
                settle(e);
                n++;
            }
        }
        window.clear();
        windowBytes = 0;
        MessageSegment s;
        while (ready > 0 && (s = cursorSegmentOrNext()) != null) {
            if (s != active && s.taken == 0) {
                long left = (long) s.records - s.settled;
                for (QueueEntry p : pinned.values()) {
                    if (p.segment == s.id) {
                        p.state = QueueEntry.SETTLED;
                    }
                }
                s.settled = s.records;
                ready -= left;
                n += left;
                retire(s);
                continue;
            }
            n += settleFrom(s, cursorPos);
            if (s == active) {
                cursorPos = s.logicalSize();
                break;
            }
            advanceCursorPast(s);
        }
        readyBytes = 0;
        return n;
    }

    /** Settles every unsettled record of {@code s} at or after {@code from} (all of them ready). */
    private long settleFrom(MessageSegment s, int from) throws IOException {
        if (s.writtenSize() < s.logicalSize()) {
            store.writeOut();
        }
        long[] n = new long[1];
        List<int[]> found = new ArrayList<>();
        RecordScanner.scan(s, from, s.writtenSize(), store.pool(), false, (pos, src, at, size) ->
                found.add(new int[] {pos, QueueStoreFormat.readMeta(src, at).persistent() ? 1 : 0}));
        for (int[] r : found) {
            QueueEntry p = pinned.remove((s.id << 32) | r[0]);
            if (p != null) {
                if (p.state == QueueEntry.READY) {
                    settle(p);
                    n[0]++;
                }
            } else if (s.skip == null || !s.skip.remove(r[0])) {
                ready--;
                n[0]++;
                settleRecord(s, r[0], r[1] != 0);
            }
        }
        return n[0];
    }

    // ---- recovery and lifecycle -----------------------------------------------------------

    /** Adds a segment found by recovery, with its counts and cursor information already set. */
    void recovered(MessageSegment s, int firstLivePosition, long live, long liveBytes) {
        segments.put(s.id, s);
        nextSegmentId = Math.max(nextSegmentId, s.id + 1);
        if (live > 0 && cursorSegment < 0) {
            cursorSegment = s.id;
            cursorPos = firstLivePosition;
        }
        ready += live;
        readyBytes += liveBytes;
    }

    /** A record recovery found whose expiry needs its own timer; returns its entry. */
    QueueEntry recoveredPinned(MessageSegment s, int pos, int size, int bodySize, QueueStoreFormat.Meta meta, int deliveries) {
        QueueEntry e = new QueueEntry(this, s.id, pos, size, bodySize, meta, true);
        e.deliveries = deliveries;
        pinned.put(e.seq(), e);
        return e;
    }

    /** Tracks the expiry order across recovered records. Returns true when this one is out of order. */
    boolean recoveredExpiry(long expiresAt) {
        boolean outOfOrder = expiresAt < maxExpiresAt;
        maxExpiresAt = Math.max(maxExpiresAt, expiresAt);
        return outOfOrder;
    }

    /** Recovery is done: no segment found is appended to again. */
    void recoveryDone() {
        if (cursorSegment < 0 && !segments.isEmpty()) {
            cursorSegment = segments.lastKey() + 1;
        }
    }

    void close() throws IOException {
        for (MessageSegment s : segments.values()) {
            s.close();
        }
        segments.clear();
        active = null;
    }
}
