package io.tributary.kafka.handler.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Small future helpers shared by the admin handlers. */
final class Futures {
    private Futures() {
    }

    /**
     * Runs a store operation that reports invalid input by throwing at once and I/O failures by
     * failing its future, as one future that fails either way.
     */
    static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The results of {@code futures}, in their order, once all completed. */
    static <T> CompletableFuture<List<T>> inOrder(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<T> out = new ArrayList<>(futures.size());
            futures.forEach(f -> out.add(f.join()));
            return out;
        });
    }
}
