package io.tributary.amqp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A broker-wide resource alarm (memory): while raised, connections that publish are blocked
 * ({@code connection.blocked}, reads paused) and are unblocked when it clears. Thread-safe.
 */
public final class ResourceAlarm {
    private final Set<Consumer<Boolean>> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean raised;

    public boolean raised() {
        return raised;
    }

    /** Raises or clears the alarm; listeners hear of changes only. */
    public synchronized void set(boolean raise) {
        if (raised != raise) {
            raised = raise;
            listeners.forEach(l -> l.accept(raise));
        }
    }

    public void listen(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }
}
