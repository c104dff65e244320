package io.tributary.server.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for the local state machine to reach a log index: a write acknowledged by the
 * leader completes for its caller only once this node has applied it too (read-your-writes).
 * Waiters are completed outside the lock, on the thread that advanced the index.
 */
final class AppliedIndexWaiters {
    private final TreeMap<Long, CompletableFuture<Void>> waiting = new TreeMap<>();
    private long applied = -1;

    /** A future completed once the applied index is at least {@code index}. */
    CompletableFuture<Void> await(long index) {
        synchronized (this) {
            if (index <= applied) {
                return CompletableFuture.completedFuture(null);
            }
            return waiting.computeIfAbsent(index, i -> new CompletableFuture<>());
        }
    }

    /** Records that everything up to {@code index} is applied. */
    void advance(long index) {
        List<CompletableFuture<Void>> ready;
        synchronized (this) {
            if (index <= applied) {
                return;
            }
            applied = index;
            Map<Long, CompletableFuture<Void>> head = waiting.headMap(index, true);
            if (head.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(head.values());
            head.clear();
        }
        ready.forEach(f -> f.complete(null));
    }

    /** Fails every waiter (the store is closing). */
    void failAll(Throwable cause) {
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            all = new ArrayList<>(waiting.values());
            waiting.clear();
        }
        all.forEach(f -> f.completeExceptionally(cause));
    }
}
