package io.tributary.kafka.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Authenticated connections per user, against {@code max.connections.per.user} (0 = no limit). Thread-safe. */
public final class UserConnections {
    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public UserConnections(int max) {
        this.max = max;
    }

    /** Counts one more connection of {@code user}; false (and nothing counted) when the user is at the limit. */
    public boolean acquire(String user) {
        if (max <= 0) {
            return true;
        }
        boolean[] ok = {false};
        open.compute(user, (u, n) -> {
            int current = n == null ? 0 : n;
            if (current >= max) {
                return n;
            }
            ok[0] = true;
            return current + 1;
        });
        return ok[0];
    }

    public void release(String user) {
        if (max > 0) {
            open.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
        }
    }

    public int max() {
        return max;
    }
}
