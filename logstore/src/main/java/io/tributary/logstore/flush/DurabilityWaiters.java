package io.tributary.logstore.flush;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Futures that wait for one offset of a log to be reached: the durability futures of its appends
 * (reached = flushed past the append's end) and, in a second instance, the waiters for its high
 * watermark ({@code acks=all}). Each completes as soon as the offset passes its end, whatever order
 * they were added in (a retried duplicate's waiter comes with its original, earlier end; acks=all
 * callers race each other). Futures complete outside this object's lock.
 */
public final class DurabilityWaiters {
    private record Waiter(long endOffset, CompletableFuture<Void> future) {
    }

    /** Ordered by end offset: appends come in order, so adding is O(1) but for the rare out-of-order waiter. */
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>(Comparator.comparingLong(Waiter::endOffset));
    private RuntimeException failure;

    /**
     * A future for an append ending before {@code endOffset}; already failed when the log is failed.
     * Call under the log's lock, so that no completion up to {@code endOffset} can run between the
     * caller's check and the add.
     */
    public CompletableFuture<Void> add(long endOffset) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        RuntimeException failed;
        synchronized (this) {
            failed = failure;
            if (failed == null) {
                waiters.add(new Waiter(endOffset, f));
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
            while (!waiters.isEmpty() && waiters.peek().endOffset() <= flushedOffset) {
                if (done == null) {
                    done = new ArrayList<>();
                }
                done.add(waiters.poll().future());
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
            // Scan them all: the heap is not sorted past its head. Truncation is rare.
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
