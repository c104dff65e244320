package io.tributary.logstore.cleaner;

import io.tributary.logstore.TopicPartition;
import io.tributary.logstore.time.Time;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which log the cleaner compacts next (Kafka's {@code LogCleanerManager}): the compacted log with
 * the highest dirty ratio at or above its {@code min.cleanable.dirty.ratio}, or one whose oldest
 * dirty record passed {@code max.compaction.lag.ms}, or, when none, one holding tombstones whose
 * delete horizon has passed. It marks the chosen log in progress, so two cleaner threads never take
 * the same log, and keeps the cleaner checkpoint.
 *
 * <p>Thread-safe. Logs are asked for their state without this object's lock held: a log may call
 * {@link #onTruncated} under its own lock, so the locks are always taken log first.
 */
final class LogCleanerManager {
    private static final Logger LOGGER = LoggerFactory.getLogger(LogCleanerManager.class);

    /** A log chosen for cleaning, in progress until {@link #done} or {@link #abandon}. */
    record Choice(CleanableLog log, CleaningView view, CleanableRange range) {
        TopicPartition topicPartition() {
            return log.topicPartition();
        }
    }

    private final Supplier<Collection<CleanableLog>> logs;
    private final CleanerCheckpoint checkpoint;
    private final Time time;
    private final Set<TopicPartition> inProgress = new HashSet<>();
    private final Map<TopicPartition, Long> truncatedWhileCleaning = new HashMap<>();
    private final Set<TopicPartition> uncleanable = ConcurrentHashMap.newKeySet();
    /** Per log, when the oldest tombstone its last cleaning kept may be removed (in memory, as in Kafka). */
    private final Map<TopicPartition, Long> tombstoneHorizons = new ConcurrentHashMap<>();

    LogCleanerManager(Supplier<Collection<CleanableLog>> logs, CleanerCheckpoint checkpoint, Time time) {
        this.logs = logs;
        this.checkpoint = checkpoint;
        this.time = time;
    }

    /** The log most in need of cleaning, now marked in progress; empty when none needs it. */
    Optional<Choice> grabFilthiestLog() {
        long now = time.milliseconds();
        List<Choice> dirty = new ArrayList<>();
        List<Choice> tombstonesDue = new ArrayList<>();
        for (CleanableLog log : logs.get()) {
            TopicPartition tp = log.topicPartition();
            if (uncleanable.contains(tp) || isInProgress(tp)) {
                continue;
            }
            Optional<CleaningView> view = log.viewForCleaning();
            if (view.isEmpty() || !view.get().config().compact()) {
                continue;
            }
            CleanableRange range;
            try {
                range = CleanableRange.of(view.get(), checkpoint.get(tp), now);
            } catch (IOException | RuntimeException e) {
                LOGGER.warn("Cannot tell how dirty {} is: {}", tp, e.toString());
                continue;
            }
            Choice c = new Choice(log, view.get(), range);
            if (range.dirtyBytes() > 0 && (range.overdue() || range.dirtyRatio() >= view.get().config().minCleanableDirtyRatio())) {
                dirty.add(c);
            } else if (tombstoneHorizons.getOrDefault(tp, Long.MAX_VALUE) <= now) {
                tombstonesDue.add(c);
            }
        }
        dirty.sort(Comparator.comparing((Choice c) -> !c.range().overdue()).thenComparing(c -> -c.range().dirtyRatio()));
        dirty.addAll(tombstonesDue);
        synchronized (this) {
            for (Choice c : dirty) {
                if (inProgress.add(c.topicPartition())) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    private synchronized boolean isInProgress(TopicPartition tp) {
        return inProgress.contains(tp);
    }

    /** Records a finished cleaning and writes the checkpoint. */
    void done(TopicPartition tp, CleanResult result) {
        synchronized (this) {
            inProgress.remove(tp);
            Long truncatedTo = truncatedWhileCleaning.remove(tp);
            checkpoint.put(tp, truncatedTo == null ? result.endOffset() : Math.min(truncatedTo, result.endOffset()));
            tombstoneHorizons.put(tp, result.earliestTombstoneHorizon());
        }
        writeCheckpoint();
    }

    /** A cleaning that stopped without a result (aborted, or the cleaner is stopping). */
    synchronized void abandon(TopicPartition tp) {
        inProgress.remove(tp);
        truncatedWhileCleaning.remove(tp);
    }

    /** A cleaning failed: the log is not cleaned again until restart (Kafka marks it uncleanable too). */
    void markUncleanable(TopicPartition tp) {
        uncleanable.add(tp);
        abandon(tp);
    }

    /**
     * The log was truncated to {@code end} (under its lock): nothing above it counts as cleaned. The
     * checkpoint is rewritten at once, as Kafka does: records appended after the truncation must not
     * pass for compacted after a restart.
     */
    void onTruncated(TopicPartition tp, long end) {
        boolean moved;
        synchronized (this) {
            moved = checkpoint.clampTo(tp, end);
            if (inProgress.contains(tp)) {
                truncatedWhileCleaning.merge(tp, end, Math::min);
            }
        }
        if (moved) {
            writeCheckpoint();
        }
    }

    /** The log was deleted; a log created later under the same name starts dirty. */
    synchronized void forget(TopicPartition tp) {
        checkpoint.remove(tp);
        tombstoneHorizons.remove(tp);
        uncleanable.remove(tp);
    }

    long cleanedUpTo(TopicPartition tp) {
        return checkpoint.get(tp);
    }

    boolean isUncleanable(TopicPartition tp) {
        return uncleanable.contains(tp);
    }

    void writeCheckpoint() {
        Set<TopicPartition> live = new HashSet<>();
        for (CleanableLog log : logs.get()) {
            live.add(log.topicPartition());
        }
        try {
            checkpoint.write(live);
        } catch (IOException e) {
            LOGGER.warn("Writing the cleaner checkpoint failed: {}; a restart cleans again from older offsets", e.toString());
        }
    }
}
