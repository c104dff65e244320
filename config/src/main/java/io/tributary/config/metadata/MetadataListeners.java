package io.tributary.config.metadata;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The listeners of one store and the one thread that calls them ({@code metadata-listeners},
 * started with the first listener): what every {@link MetadataStore} implementation uses to keep the
 * contract of {@link MetadataStore#addListener}. {@link #publish} is called in apply order by the
 * store's applying thread; changes are delivered in that order.
 */
public final class MetadataListeners {
    private static final System.Logger LOGGER = System.getLogger(MetadataListeners.class.getName());

    /** One applied change: json null for a delete. */
    public record Change(String kind, String key, String json) {
    }

    private final Map<String, List<MetadataListener>> byKind = new ConcurrentHashMap<>();
    private volatile ExecutorService thread;
    private volatile boolean closed;

    public synchronized void add(String kind, MetadataListener listener) {
        byKind.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(listener);
        if (thread == null && !closed) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "metadata-listeners");
                t.setDaemon(true);
                return t;
            });
        }
    }

    public void remove(String kind, MetadataListener listener) {
        List<MetadataListener> l = byKind.get(kind);
        if (l != null) {
            l.remove(listener);
        }
    }

    /** Hands applied changes to the listener thread; does nothing while no one listens to their kinds. */
    public void publish(List<Change> changes) {
        ExecutorService t = thread;
        if (t == null || closed || changes.isEmpty()) {
            return;
        }
        boolean anyone = false;
        for (Change c : changes) {
            List<MetadataListener> l = byKind.get(c.kind());
            anyone |= l != null && !l.isEmpty();
        }
        if (!anyone) {
            return;
        }
        try {
            t.execute(() -> changes.forEach(this::deliver));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nobody is left to tell
        }
    }

    /** Completes once every change handed over before the call has been delivered to its listeners. */
    public CompletableFuture<Void> delivered() {
        ExecutorService t = thread;
        if (t == null || closed) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            t.execute(() -> done.complete(null));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    public void publish(Change change) {
        publish(List.of(change));
    }

    private void deliver(Change c) {
        List<MetadataListener> l = byKind.get(c.kind());
        if (l == null) {
            return;
        }
        for (MetadataListener listener : l) {
            try {
                listener.onChange(c.kind(), c.key(), c.json());
            } catch (RuntimeException e) {
                LOGGER.log(System.Logger.Level.ERROR, "A metadata listener failed on " + c.kind() + "/" + c.key(), e);
            }
        }
    }

    /** Lets the changes already published reach their listeners (bounded), then stops the thread. */
    public synchronized void close() {
        closed = true;
        ExecutorService t = thread;
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
