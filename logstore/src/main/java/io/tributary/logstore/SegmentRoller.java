package io.tributary.logstore;

import io.tributary.logstore.producer.ProducerSnapshots;
import io.tributary.logstore.producer.ProducerStateManager;
import io.tributary.logstore.segment.RollParams;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one log starts a new segment before an append (by {@code segment.bytes}, {@code segment.ms}
 * with its jitter, or {@code max.compaction.lag.ms} on compacted topics), and the producer snapshot
 * each roll writes in the background. Called under the log's lock.
 */
final class SegmentRoller {
    private static final Logger LOGGER = LoggerFactory.getLogger(SegmentRoller.class);

    private final TopicPartition topicPartition;
    private final LogEnvironment env;
    private final ProducerSnapshots snapshots;
    private final long rollJitterSeed = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);

    SegmentRoller(TopicPartition topicPartition, LogEnvironment env, ProducerSnapshots snapshots) {
        this.topicPartition = topicPartition;
        this.env = env;
        this.snapshots = snapshots;
    }

    /**
     * Rolls the active segment when an append of {@code appendBytes} ending at {@code lastOffset}
     * would not fit in it.
     *
     * @return true when a new segment was started (the old one then wants a flush)
     */
    boolean maybeRoll(LocalLog local, ProducerStateManager producers, int appendBytes, long maxTimestamp, long lastOffset, long now,
            LogConfig cfg) throws IOException {
        // a compacted log rolls by max.compaction.lag.ms too: the cleaner never touches the active segment
        long segmentMs = cfg.compact() ? Math.min(cfg.segmentMs(), cfg.maxCompactionLagMs()) : cfg.segmentMs();
        long jitter = cfg.segmentJitterMs() <= 0 ? 0 : rollJitterSeed % Math.min(cfg.segmentJitterMs(), segmentMs);
        RollParams params = new RollParams(cfg.segmentBytes(), segmentMs - jitter, appendBytes, maxTimestamp, lastOffset, now);
        if (!local.activeSegment().shouldRoll(params)) {
            return false;
        }
        local.roll();
        ProducerSnapshots.Pending snapshot = ProducerSnapshots.capture(producers);
        env.scheduler().scheduleOnce("producer-snapshot-" + topicPartition, () -> writeSnapshot(snapshot), 0);
        return true;
    }

    private void writeSnapshot(ProducerSnapshots.Pending snapshot) {
        try {
            snapshots.write(snapshot);
        } catch (IOException e) {
            LOGGER.warn("Could not write the producer snapshot of {} at offset {}; recovery will replay more of the log",
                    topicPartition, snapshot.offset(), e);
        }
    }
}
