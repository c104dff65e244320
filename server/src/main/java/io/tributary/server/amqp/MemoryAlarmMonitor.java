package io.tributary.server.amqp;

import io.tributary.amqp.ResourceAlarm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the AMQP resource alarm while the heap still in use after the last garbage collections
 * exceeds the high watermark (a percentage of the maximum heap), and clears it below. Checks once
 * a second on its own daemon thread.
 */
final class MemoryAlarmMonitor implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(MemoryAlarmMonitor.class);

    private final ResourceAlarm alarm;
    private final long limitBytes;
    private final ScheduledExecutorService timer;

    MemoryAlarmMonitor(ResourceAlarm alarm, int percent) {
        this.alarm = alarm;
        this.limitBytes = Runtime.getRuntime().maxMemory() / 100 * percent;
        if (percent == 0) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-memory-alarm");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private void check() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        boolean raise = used > limitBytes;
        if (raise != alarm.raised()) {
            LOGGER.warn("Memory alarm {}: {} MiB in use after GC, high watermark {} MiB", raise ? "raised" : "cleared",
                    used >> 20, limitBytes >> 20);
            alarm.set(raise);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
