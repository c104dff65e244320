package io.tributary.server.amqp;

import io.tributary.amqp.ResourceAlarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the resource alarm's disk source while the file system of the data directory has less than
 * {@code disk.free.limit.bytes} usable (RabbitMQ's {@code disk_free_limit}), and clears it above.
 * Checks at once and then once a second on its own daemon thread; 0 disables it.
 */
public final class DiskAlarmMonitor implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DiskAlarmMonitor.class);

    private final ResourceAlarm alarm;
    private final Path dir;
    private final ScheduledExecutorService timer;
    private volatile long limitBytes;

    DiskAlarmMonitor(ResourceAlarm alarm, Path dir, long limitBytes) {
        this.alarm = alarm;
        this.dir = dir;
        this.limitBytes = limitBytes;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-disk-alarm");
            t.setDaemon(true);
            return t;
        });
        check();
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Changes the limit (operators, tests) and checks again at once. */
    public void setLimit(long bytes) {
        limitBytes = bytes;
        timer.execute(this::check);
    }

    private synchronized void check() {
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            LOGGER.warn("Cannot read the free space of {}: {}", dir, e.toString());
            return;
        }
        boolean raise = limitBytes > 0 && free < limitBytes;
        if (raise != alarm.raised(ResourceAlarm.DISK)) {
            LOGGER.warn("Disk alarm {}: {} MiB free in {}, limit {} MiB", raise ? "raised" : "cleared", free >> 20, dir, limitBytes >> 20);
            alarm.set(ResourceAlarm.DISK, raise);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
