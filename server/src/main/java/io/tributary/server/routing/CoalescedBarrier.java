package io.tributary.server.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a barrier at most once at a time: callers that ask while one runs share the next, which
 * starts when the running one ends (it may have begun before what they wait for happened). A
 * barrier that fails or takes too long completes its callers normally: they go on with what they
 * know, as they would have without it.
 *
 * <p>Thread-safe.
 */
final class CoalescedBarrier {
    private final Supplier<CompletableFuture<Void>> barrier;
    private final long timeoutMs;
    private boolean running;
    private CompletableFuture<Void> next;

    CoalescedBarrier(Supplier<CompletableFuture<Void>> barrier, long timeoutMs) {
        this.barrier = barrier;
        this.timeoutMs = timeoutMs;
    }

    /** Completes once a barrier that started after this call has passed (or given up). */
    CompletableFuture<Void> request() {
        CompletableFuture<Void> mine;
        boolean start;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            mine = next;
            start = !running;
            if (start) {
                running = true;
                next = null;
            }
        }
        if (start) {
            run(mine);
        }
        return mine;
    }

    private void run(CompletableFuture<Void> waiters) {
        CompletableFuture<Void> b;
        try {
            b = barrier.get();
        } catch (RuntimeException e) {
            b = CompletableFuture.failedFuture(e);
        }
        b.completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            waiters.complete(null);
            CompletableFuture<Void> queued;
            synchronized (this) {
                queued = next;
                next = null;
                running = queued != null;
            }
            if (queued != null) {
                run(queued);
            }
        });
    }
}
