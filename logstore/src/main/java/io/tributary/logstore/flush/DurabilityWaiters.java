package io.tributary.logstore.flush;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durability futures of one log's appends, in offset order except for a retried duplicate's,
 * which is added last with its original (earlier) end: each completes when the flushed offset passes
 * its append's end (a duplicate's may wait for the next flush past the waiter before it, never
 * longer). Futures complete outside this object's lock.
 */
public final class DurabilityWaiters {
    private record Waiter(long endOffset, CompletableFuture<Void> future) {
    }

    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private RuntimeException failure;

    /**
     * A future for an append ending before {@code endOffset}; already failed when the log is failed.
     * Call in offset order (under the log's lock).
     */
    public CompletableFuture<Void> add(long endOffset) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        RuntimeException failed;
        synchronized (this) {
            failed = failure;
            if (failed == null) {
                waiters.addLast(new Waiter(endOffset, f));
            }
        }
        if (failed != null) {
            f.completeExceptionally(failed);
        }
        return f;
    }

    /** Completes every waiter whose append ends at or before {@code flushedOffset}. */
    public void completeUpTo(long flushedOffset) {
        List<CompletableFuture<Void>> done = null;
        synchronized (this) {
            while (!waiters.isEmpty() && waiters.peekFirst().endOffset() <= flushedOffset) {
                if (done == null) {
                    done = new ArrayList<>();
                }
                done.add(waiters.pollFirst().future());
            }
        }
        if (done != null) {
            for (CompletableFuture<Void> f : done) {
                f.complete(null);
            }
        }
    }

    /** Fails waiters whose append ends after {@code offset} (their data was truncated away). */
    public void failAbove(long offset, RuntimeException cause) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (this) {
            // Scan them all: a retried duplicate's waiter is added at the tail with an earlier end offset,
            // so the tail alone does not tell where the truncated appends stop. Truncation is rare.
            waiters.removeIf(w -> {
                boolean above = w.endOffset() > offset;
                if (above) {
                    failed.add(w.future());
                }
                return above;
            });
        }
        failed.forEach(f -> f.completeExceptionally(cause));
    }

    /** Fails every waiter, now and later: the log is poisoned or closed. */
    public void failAll(RuntimeException cause) {
        List<Waiter> failed;
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
            failed = new ArrayList<>(waiters);
            waiters.clear();
        }
        failed.forEach(w -> w.future().completeExceptionally(cause));
    }

    public synchronized int size() {
        return waiters.size();
    }
}
