package io.tributary.logstore.testing;

import io.tributary.logstore.time.Time;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told; {@link MockScheduler} runs the tasks that fall due. */
public final class MockTime implements Time {
    private final AtomicLong millis;
    private final AtomicLong nanos;
    private MockScheduler scheduler;

    public MockTime() {
        this(1_700_000_000_000L);
    }

    public MockTime(long startMillis) {
        this.millis = new AtomicLong(startMillis);
        this.nanos = new AtomicLong(System.nanoTime());
    }

    void attach(MockScheduler s) {
        this.scheduler = s;
    }

    @Override
    public long milliseconds() {
        return millis.get();
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    /** Advances the clock and runs every scheduled task that became due, on this thread. */
    public void sleep(long ms) {
        millis.addAndGet(ms);
        nanos.addAndGet(ms * 1_000_000L);
        if (scheduler != null) {
            scheduler.tick();
        }
    }
}
