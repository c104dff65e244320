package io.tributary.server.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per remote address over a fixed window: once an address has {@code limit}
 * failures in the current window, every login from it is refused at once (without checking the
 * password, so guessing gets no answer) until the window ends. Thread-safe.
 */
final class LoginThrottle {
    private static final int MAX_TRACKED = 100_000;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    LoginThrottle(int limit, long windowMillis, LongSupplier nanoTime) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
        this.nanoTime = nanoTime;
    }

    /** True when logins from {@code remote} are refused for now. */
    boolean throttled(SocketAddress remote) {
        InetAddress a = address(remote);
        if (limit == 0 || a == null) {
            return false;
        }
        Window w = windows.get(a);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            if (nanoTime.getAsLong() - w.start >= windowNanos) {
                windows.remove(a, w);
                return false;
            }
            return w.failures >= limit;
        }
    }

    void failed(SocketAddress remote) {
        InetAddress a = address(remote);
        if (limit == 0 || a == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> now - w.start >= windowNanos);
        }
        Window w = windows.compute(a, (k, old) -> old == null || now - old.start >= windowNanos ? new Window(now) : old);
        synchronized (w) {
            w.failures++;
        }
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress i ? i.getAddress() : null;
    }
}
