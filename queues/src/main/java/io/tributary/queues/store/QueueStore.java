package io.tributary.queues.store;

import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageFormat;
import io.tributary.logstore.flush.DurabilityWaiters;
import io.tributary.logstore.flush.FlushableLog;
import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.segment.LogFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of one queue: one {@link Journal} per priority level (just one without
 * {@code x-max-priority}), in {@code data/queues/<vhost>/<queue>/} ({@code prio.NNN/} below it per
 * level of a priority queue).
 *
 * <p>Writes are gathered during an actor turn and written at its end ({@link #writeOut}); for a
 * durable queue a flusher thread then fsyncs them with group commit ({@link FlushableLog}) and
 * completes the futures from {@link #durable()}: publisher confirms of persistent messages wait for
 * those. A non-durable queue writes its journal too, so that its backlog is paged out of memory as
 * well, but never fsyncs it, and its directory is removed at the next start.
 *
 * <p>Everything but {@link #flush()} and {@link #nextFlushNanos} runs on the queue's actor.
 */
public final class QueueStore implements FlushableLog {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueStore.class);
    /** Settlements wait at most this long for their fsync, unless a segment deletion waits for them. */
    static final long ACKS_SYNC_NANOS = 50_000_000L;

    private final QueueStores stores;
    private final Path dir;
    private final boolean durable;
    private final int maxPriority;
    private final Executor actor;
    private final Journal[] levels;
    private final List<MessageSegment> dirty = new ArrayList<>();
    private final List<QueueEntry> recoveredTimers = new ArrayList<>();
    // ---- shared with the flusher, under lock ----
    private final Object lock = new Object();
    private final Set<LogFile> msgsToSync = new LinkedHashSet<>();
    private final Set<LogFile> acksToSync = new LinkedHashSet<>();
    private final Set<Path> dirsToSync = new LinkedHashSet<>();
    private long written;
    /** Written bytes up to which msgs files have been handed to the flusher. */
    private long msgsWritten;
    private long acksDirtySinceNanos = Long.MAX_VALUE;
    private volatile long flushed;
    private volatile long acksFlushed;
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    private final DurabilityWaiters ackWaiters = new DurabilityWaiters();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private volatile RuntimeException failure;
    private boolean closed;
    private String lastFormatName;
    private MessageFormat lastFormat;

    QueueStore(QueueStores stores, Path dir, boolean durable, int maxPriority, Executor actor) {
        this.stores = stores;
        this.dir = dir;
        this.durable = durable;
        this.maxPriority = maxPriority;
        this.actor = actor;
        this.levels = new Journal[maxPriority + 1];
    }

    /** Opens the journal, recovering what {@code dir} holds (a durable queue after a restart). */
    void recover() throws IOException {
        if (maxPriority == 0) {
            recoveredTimers.addAll(JournalRecovery.recover(level(0), stores.pool()));
            return;
        }
        for (int p = 0; p <= maxPriority; p++) {
            Path d = levelDir(p);
            if (Files.isDirectory(d)) {
                recoveredTimers.addAll(JournalRecovery.recover(level(p), stores.pool()));
            }
        }
    }

    public boolean isDurable() {
        return durable;
    }

    public int maxPriority() {
        return maxPriority;
    }

    public Path directory() {
        return dir;
    }

    StoreSettings settings() {
        return stores.settings();
    }

    BufferPool pool() {
        return stores.pool();
    }

    /** Entries recovery found that need expiry timers of their own; asked once, after opening. */
    public List<QueueEntry> takeRecoveredTimers() {
        List<QueueEntry> t = List.copyOf(recoveredTimers);
        recoveredTimers.clear();
        return t;
    }

    private Journal level(int p) {
        Journal j = levels[p];
        if (j == null) {
            j = new Journal(this, p, levelDir(p));
            levels[p] = j;
        }
        return j;
    }

    private Path levelDir(int p) {
        return maxPriority == 0 ? dir : dir.resolve(String.format("prio.%03d", p));
    }

    // ---- the queue's operations -------------------------------------------------------------

    /** Appends a message at {@code priority} (capped to the queue's maximum). */
    public QueueEntry append(Message m, QueueStoreFormat.Meta meta) {
        checkUsable();
        int p = Math.min(Math.max(meta.priority(), 0), maxPriority);
        Journal j = level(p);
        try {
            return j.append(new QueueStoreFormat.Encoded(m.format().name(), m.exchange(), m.routingKey(), m.encodedProperties(),
                    m.bodyArray(), meta), m);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** The next ready entry of the highest non-empty level, without taking it. */
    public QueueEntry peek() {
        for (int p = maxPriority; p >= 0; p--) {
            Journal j = levels[p];
            if (j != null && j.ready() > 0) {
                QueueEntry e = j.peek();
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The next ready entry of one level, without taking it. */
    public QueueEntry peek(int level) {
        Journal j = levels[level];
        return j == null || j.ready() == 0 ? null : j.peek();
    }

    /** Takes the next ready entry out of the ready sequence, highest priority first. */
    public QueueEntry poll() {
        QueueEntry e = peek();
        return e == null ? null : e.journal.poll();
    }

    /** Takes a ready entry out of the ready sequence, wherever it is (an expired message behind others). */
    public void take(QueueEntry e) {
        e.journal.take(e);
    }

    /**
     * Takes {@code e} (ready) for delivery: returns its message, counts the delivery (durably for a
     * persistent message in a durable queue, once written out) and lets go of its body. Without
     * {@code ackRequired} the entry is settled at once.
     */
    public Message deliver(QueueEntry e, boolean ackRequired) {
        e.journal.take(e);
        Message m = read(e);
        if (ackRequired) {
            e.journal.markDelivered(e);
        } else {
            e.deliveries++;
            e.journal.settle(e);
        }
        e.message = null;
        return m;
    }

    /**
     * Links a publisher confirm to a just-appended entry: it completes when the entry is fsynced
     * (the caller arranges that with {@link #whenDurable}) or, if sooner, when it is settled.
     */
    public void confirmWhenSettled(QueueEntry e, CompletableFuture<Void> confirm) {
        e.confirm = confirm;
    }

    /** Takes a ready entry out of the ready sequence and lets go of its body: the caller keeps it aside (delayed messages). */
    public void hold(QueueEntry e) {
        e.journal.take(e);
        e.message = null;
    }

    public Message read(QueueEntry e) {
        try {
            return e.journal.read(e);
        } catch (IOException ex) {
            throw fail(ex);
        }
    }

    public void markDelivered(QueueEntry e) {
        e.journal.markDelivered(e);
    }

    public void settle(QueueEntry e) {
        e.journal.settle(e);
    }

    public void requeue(QueueEntry e) {
        e.journal.requeue(e);
    }

    public long purge() {
        long n = 0;
        try {
            for (Journal j : levels) {
                if (j != null) {
                    n += j.purge();
                }
            }
        } catch (IOException e) {
            throw fail(e);
        }
        return n;
    }

    public long ready() {
        long n = 0;
        for (Journal j : levels) {
            if (j != null) {
                n += j.ready();
            }
        }
        return n;
    }

    public long readyBytes() {
        long n = 0;
        for (Journal j : levels) {
            if (j != null) {
                n += j.readyBytes();
            }
        }
        return n;
    }

    Message toMessage(QueueStoreFormat.Decoded d) {
        if (!d.format().equals(lastFormatName)) {
            lastFormat = stores.formats().byName(d.format());
            lastFormatName = d.format();
        }
        return new Message(lastFormat, d.properties(), d.body(), d.exchange(), d.routingKey(), d.meta().receivedAt());
    }

    // ---- writing and durability ------------------------------------------------------------

    void dirty(MessageSegment s) {
        if (!s.listed) {
            s.listed = true;
            dirty.add(s);
        }
    }

    void segmentCreated(MessageSegment s) {
        if (durable) {
            synchronized (lock) {
                dirsToSync.add(s.msgsFile().file().getParent());
            }
        }
    }

    /** Writes everything this turn buffered (appends, delivery marks, acks) to the page cache. */
    public void writeOut() {
        if (dirty.isEmpty()) {
            return;
        }
        long n = 0;
        List<LogFile> msgs = durable ? new ArrayList<>(dirty.size()) : null;
        List<LogFile> acks = durable ? new ArrayList<>(dirty.size()) : null;
        try {
            for (MessageSegment s : dirty) {
                s.listed = false;
                if (!s.deleted) {
                    n += s.writePending();
                    int sync = s.lastWriteNeedsSync();
                    if (msgs != null && (sync & 1) != 0) {
                        msgs.add(s.msgsFile());
                    }
                    if (acks != null && (sync & 2) != 0) {
                        acks.add(s.acksFile());
                    }
                }
            }
        } catch (IOException e) {
            throw fail(e);
        } finally {
            dirty.clear();
        }
        synchronized (lock) {
            written += n;
            if (msgs != null) {
                msgsToSync.addAll(msgs);
                if (!acks.isEmpty() && acksToSync.isEmpty()) {
                    acksDirtySinceNanos = System.nanoTime();
                }
                acksToSync.addAll(acks);
            }
            msgsWritten = written;
        }
        if (durable && n > 0) {
            stores.flusher().wake(this);
        }
    }

    /**
     * Completes once everything written so far is on disk (at once for a non-durable store).
     * Call after {@link #writeOut}.
     */
    public CompletableFuture<Void> whenDurable() {
        return whenFlushed(waiters, false);
    }

    /** Completes once every settlement written so far is on disk too (they are synced after the messages). */
    CompletableFuture<Void> whenAcksDurable() {
        return whenFlushed(ackWaiters, true);
    }

    private CompletableFuture<Void> whenFlushed(DurabilityWaiters on, boolean acks) {
        RuntimeException f = failure;
        if (f != null) {
            return CompletableFuture.failedFuture(f);
        }
        if (!durable) {
            return CompletableFuture.completedFuture(null);
        }
        long w;
        synchronized (lock) {
            w = written;
        }
        if (w <= (acks ? acksFlushed : flushed)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = on.add(w);
        long now = acks ? acksFlushed : flushed;
        if (now >= w) {
            // the flusher finished between the check above and the add: it will not come back for us
            on.completeUpTo(now);
        } else {
            stores.flusher().wake(this);
        }
        return waiter;
    }

    /** Deletes a fully settled segment once its acks are durable ("an ack is durable before the message is gone"). */
    void deleteWhenDurable(MessageSegment s) {
        writeOut();
        whenAcksDurable().whenComplete((v, e) -> actor.execute(() -> deleteSegment(s)));
    }

    private void deleteSegment(MessageSegment s) {
        try {
            s.delete();
        } catch (IOException e) {
            LOGGER.warn("Could not delete settled segment {}: {}", s, e.toString());
        }
    }

    @Override
    public long nextFlushNanos(long nowNanos) {
        if (failure != null) {
            return Long.MAX_VALUE;
        }
        synchronized (lock) {
            if (msgsWritten > flushed || !dirsToSync.isEmpty() || (!acksToSync.isEmpty() && ackWaiters.size() > 0)) {
                return nowNanos;
            }
            if (!acksToSync.isEmpty()) {
                return acksDirtySinceNanos + ACKS_SYNC_NANOS;
            }
            return written > acksFlushed && ackWaiters.size() > 0 ? nowNanos : Long.MAX_VALUE;
        }
    }

    /**
     * Group commit: fsyncs the directories of new segments and every msgs file written since the
     * last flush and completes the waiting confirms; acks files that got settlements are fsynced
     * after that, at most {@link #ACKS_SYNC_NANOS} later (at once when a segment deletion waits for
     * them), so that confirms never wait for them and most flushes cost a single fsync.
     */
    @Override
    public void flush() {
        long target;
        List<LogFile> msgs;
        List<LogFile> acks = List.of();
        List<Path> dirs;
        synchronized (lock) {
            target = written;
            msgs = new ArrayList<>(msgsToSync);
            msgsToSync.clear();
            boolean acksDue = ackWaiters.size() > 0 || System.nanoTime() - acksDirtySinceNanos >= ACKS_SYNC_NANOS;
            if (acksDue || acksToSync.isEmpty()) {
                acks = new ArrayList<>(acksToSync);
                acksToSync.clear();
                acksDirtySinceNanos = Long.MAX_VALUE;
            }
            dirs = new ArrayList<>(dirsToSync);
            dirsToSync.clear();
        }
        try {
            for (Path d : dirs) {
                FileOps.fsyncDirectory(d);
                if (!d.equals(dir)) {
                    FileOps.fsyncDirectory(dir);
                }
            }
            force(msgs);
            flushed = Math.max(flushed, target);
            waiters.completeUpTo(target);
            if (!acks.isEmpty() || !hasUnsyncedAcks()) {
                force(acks);
                acksFlushed = Math.max(acksFlushed, target);
                ackWaiters.completeUpTo(target);
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private boolean hasUnsyncedAcks() {
        synchronized (lock) {
            return !acksToSync.isEmpty();
        }
    }

    private static void force(List<LogFile> files) throws IOException {
        for (LogFile f : files) {
            try {
                f.flush();
            } catch (ClosedChannelException e) {
                // the segment was settled and deleted meanwhile: nothing of it needs to be durable
            }
        }
    }

    @Override
    public int flusherAffinity() {
        return dir.hashCode();
    }

    @Override
    public AtomicBoolean flushQueued() {
        return flushQueued;
    }

    private RuntimeException fail(IOException e) {
        UncheckedIOException u = new UncheckedIOException("queue store " + dir + " failed: " + e.getMessage(), e);
        if (failure == null) {
            failure = u;
            LOGGER.error("Queue store {} failed; its queue refuses persistent messages from now on", dir, e);
        }
        waiters.failAll(u);
        ackWaiters.failAll(u);
        return u;
    }

    private void checkUsable() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        if (closed) {
            throw new IllegalStateException("queue store " + dir + " is closed");
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** Writes and (durable) fsyncs what is pending, then closes the files. */
    public void close() {
        if (closed) {
            return;
        }
        try {
            writeOut();
            if (durable && failure == null) {
                flush();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Closing queue store {}: {}", dir, e.toString());
        }
        closed = true;
        closeJournals();
        waiters.failAll(new IllegalStateException("queue store " + dir + " closed"));
        ackWaiters.failAll(new IllegalStateException("queue store " + dir + " closed"));
    }

    /** Closes the files and removes the directory (queue deleted). */
    public void delete() {
        closed = true;
        dirty.clear();
        closeJournals();
        waiters.failAll(new IllegalStateException("queue " + dir + " deleted"));
        ackWaiters.failAll(new IllegalStateException("queue " + dir + " deleted"));
        try {
            FileOps.deleteRecursively(dir);
        } catch (IOException e) {
            LOGGER.warn("Could not remove the directory {} of a deleted queue: {}", dir, e.toString());
        }
    }

    private void closeJournals() {
        for (Journal j : levels) {
            if (j != null) {
                try {
                    j.close();
                } catch (IOException e) {
                    LOGGER.warn("Closing {}: {}", j.dir(), e.toString());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "QueueStore[" + dir + "]";
    }
}
