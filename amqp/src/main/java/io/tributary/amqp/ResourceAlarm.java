package io.tributary.amqp;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The broker-wide resource alarm: raised while any of its sources is (memory, disk). While raised,
 * AMQP connections that publish are blocked ({@code connection.blocked}, reads paused), AMQP 1.0
 * senders get no credit, and Kafka Produce requests are held; all resume when the last source
 * clears. Consumers are never blocked. Thread-safe.
 */
public final class ResourceAlarm {
    public static final String MEMORY = "memory";
    public static final String DISK = "disk";

    private final Set<Consumer<Boolean>> listeners = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> sources = new TreeMap<>();
    private volatile boolean raised;
    private volatile String reason = "";

    public boolean raised() {
        return raised;
    }

    /** Why it is raised, for {@code connection.blocked}: "low on memory", "low on disk space", or both. */
    public String reason() {
        return reason;
    }

    /** Raises or clears the memory source (what the memory monitor and older callers set). */
    public void set(boolean raise) {
        set(MEMORY, raise);
    }

    /** Raises or clears one source; listeners hear when the alarm as a whole changes. */
    public synchronized void set(String source, boolean raise) {
        sources.put(source, raise);
        boolean any = sources.containsValue(Boolean.TRUE);
        StringBuilder why = new StringBuilder();
        sources.forEach((s, on) -> {
            if (on) {
                why.append(why.length() == 0 ? "low on " : " and ").append(DISK.equals(s) ? "disk space" : s);
            }
        });
        reason = why.toString();
        if (raised != any) {
            raised = any;
            listeners.forEach(l -> l.accept(any));
        }
    }

    public boolean raised(String source) {
        synchronized (this) {
            return Boolean.TRUE.equals(sources.get(source));
        }
    }

    public void listen(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }
}
