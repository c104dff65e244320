package io.tributary.logstore.cleaner;

import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.segment.SegmentSwap;
import io.tributary.logstore.time.ExecutorScheduler;
import io.tributary.logstore.time.Scheduler;
import io.tributary.logstore.time.Time;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background compaction of {@code cleanup.policy=compact} logs (Kafka's {@code LogCleaner}):
 * {@code log.cleaner.threads} workers each repeatedly take the filthiest log from the
 * {@link LogCleanerManager}, compact it with their own {@link Cleaner} and {@link OffsetMap}, and
 * wait {@code log.cleaner.backoff.ms} when nothing needs cleaning.
 *
 * <p>Workers are tasks on a {@link Scheduler}: its own pool of daemon threads, or a scheduler the
 * caller passes (tests pass one driven by a mock clock, so cleaning happens exactly when the clock
 * moves). {@link #close()} stops a cleaning in progress at its next batch; the files it wrote are
 * removed and the log is left as it was.
 *
 * <p>Thread-safe.
 */
public final class LogCleaner implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(LogCleaner.class);

    private final CleanerConfig config;
    private final Time time;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final SegmentSwap.Listener swapListener;
    private final LogCleanerManager manager;
    private final Worker[] workers;
    private Cleaner callerCleaner;
    private volatile boolean stopping;

    /**
     * @param logs every log of the directory (the cleaner picks the compacted ones)
     * @param scheduler where the workers run; null for the cleaner's own {@code log.cleaner.threads} threads
     */
    public LogCleaner(CleanerConfig config, Path logsDir, Supplier<Collection<CleanableLog>> logs, Time time, Scheduler scheduler,
            SegmentSwap.Listener swapListener) {
        this.config = config;
        this.time = time;
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : new ExecutorScheduler("log-cleaner", config.threads());
        this.swapListener = swapListener;
        this.manager = new LogCleanerManager(logs, new CleanerCheckpoint(logsDir), time);
        this.workers = new Worker[config.threads()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i);
        }
    }

    /** Starts the workers; the first look for dirty logs happens after one backoff. */
    public void start() {
        for (Worker w : workers) {
            w.schedule(config.backoffMs());
        }
        LOGGER.info("Log cleaner started: {} thread(s), {} bytes of dedupe buffer each", workers.length, config.bytesPerThread());
    }

    /**
     * Cleans, on the caller's thread, every log that needs it now (by the same rules as the workers)
     * until none does. For tools and tests.
     *
     * @return how many cleanings completed
     */
    public synchronized int cleanNow() {
        if (callerCleaner == null) {
            callerCleaner = newCleaner();
        }
        int cleaned = 0;
        Outcome o;
        while (!stopping && (o = cleanFilthiestLog(callerCleaner)).keepGoing()) {
            cleaned += o == Outcome.CLEANED ? 1 : 0;
        }
        return cleaned;
    }

    /** The offset below which {@code tp} is compacted (the cleaner checkpoint), -1 before its first cleaning. */
    public long cleanedUpTo(TopicPartition tp) {
        return manager.cleanedUpTo(tp);
    }

    /** True when cleaning {@code tp} failed and the cleaner leaves it alone until restart. */
    public boolean isUncleanable(TopicPartition tp) {
        return manager.isUncleanable(tp);
    }

    /** Called by a log, under its lock, after it was truncated to {@code end}. */
    public void onTruncated(TopicPartition tp, long end) {
        manager.onTruncated(tp, end);
    }

    /** Called when a log is deleted. */
    public void forget(TopicPartition tp) {
        manager.forget(tp);
    }

    private Cleaner newCleaner() {
        return new Cleaner(new OffsetMap(config.bytesPerThread()), time, () -> stopping, swapListener);
    }

    /** How one attempt went. */
    private enum Outcome {
        NOTHING_TO_DO, CLEANED, FAILED, GAVE_UP;

        /** Look for the next log at once (after a failure too: other logs may still need cleaning). */
        boolean keepGoing() {
            return this == CLEANED || this == FAILED;
        }
    }

    /** One cleaning of the filthiest log. */
    private Outcome cleanFilthiestLog(Cleaner cleaner) {
        Optional<LogCleanerManager.Choice> choice = manager.grabFilthiestLog();
        if (choice.isEmpty()) {
            return Outcome.NOTHING_TO_DO;
        }
        TopicPartition tp = choice.get().topicPartition();
        long t0 = time.nanoseconds();
        try {
            CleanResult r = cleaner.clean(choice.get().log(), choice.get().view(), choice.get().range());
            if (r.aborted()) {
                manager.abandon(tp);
                LOGGER.info("Cleaning of {} gave up: the log changed while it was being cleaned", tp);
                return Outcome.GAVE_UP;
            }
            manager.done(tp, r);
            LOGGER.info("Cleaned {} up to offset {}: {} segment(s), {} -> {} bytes, {} of {} records kept, in {} ms", tp, r.endOffset(),
                    r.segmentsRewritten(), r.bytesRead(), r.bytesWritten(), r.recordsKept(), r.recordsRead(),
                    TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - t0));
            return Outcome.CLEANED;
        } catch (Cleaner.StoppedException e) {
            manager.abandon(tp);
            return Outcome.GAVE_UP;
        } catch (Exception e) {
            if (choice.get().log().changedSince(choice.get().view())) {
                // a truncation, retention or deletion took segments the cleaning was reading
                manager.abandon(tp);
                LOGGER.info("Cleaning of {} gave up: the log changed while it was being cleaned ({})", tp, e.toString());
                return Outcome.GAVE_UP;
            }
            LOGGER.error("Cleaning {} failed; it is not cleaned again until the broker restarts", tp, e);
            manager.markUncleanable(tp);
            return Outcome.FAILED;
        }
    }

    /** Stops the workers; a cleaning in progress stops at its next batch. Idempotent. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        for (Worker w : workers) {
            w.cancel();
        }
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    /** One cleaner thread: a task that reschedules itself, at once after a cleaning, else after the backoff. */
    private final class Worker {
        private final int id;
        private Cleaner cleaner;
        private Future<?> next;

        Worker(int id) {
            this.id = id;
        }

        synchronized void schedule(long delayMs) {
            if (!stopping) {
                next = scheduler.scheduleOnce("log-cleaner-" + id, this::run, delayMs);
            }
        }

        synchronized void cancel() {
            if (next != null) {
                next.cancel(false);
            }
        }

        private void run() {
            if (stopping) {
                return;
            }
            if (cleaner == null) {
                cleaner = newCleaner();
            }
            schedule(cleanFilthiestLog(cleaner).keepGoing() ? 0 : config.backoffMs());
        }
    }
}
