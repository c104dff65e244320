package io.tributary.kafka.group;

import java.util.HashMap;
import java.util.Map;

/**
 * Timers by name, as Kafka's coordinator keeps them ({@code heartbeat-<group>-<member>},
 * {@code join-<group>}…): scheduling a name again replaces its timer, so a heartbeat pushes its
 * member's session expiry back. Shard-thread only; a timer whose name was rescheduled or
 * cancelled never runs its old task.
 */
public final class KeyedTimer {
    private final ShardScheduler scheduler;
    private final Map<String, Entry> timers = new HashMap<>();

    public KeyedTimer(ShardScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} after {@code delayMs} unless {@code key} is scheduled again or cancelled first. */
    public void schedule(String key, long delayMs, Runnable task) {
        cancel(key);
        Entry e = new Entry();
        timers.put(key, e);
        e.handle = scheduler.schedule(Math.max(0, delayMs), () -> {
            if (timers.get(key) == e) {
                timers.remove(key);
                task.run();
            }
        });
    }

    public void cancel(String key) {
        Entry e = timers.remove(key);
        if (e != null && e.handle != null) {
            e.handle.cancel();
        }
    }

    public boolean isScheduled(String key) {
        return timers.containsKey(key);
    }

    /** Cancels every timer (shutdown). */
    public void cancelAll() {
        timers.values().forEach(e -> {
            if (e.handle != null) {
                e.handle.cancel();
            }
        });
        timers.clear();
    }

    private static final class Entry {
        private ShardScheduler.Cancellable handle;
    }
}
