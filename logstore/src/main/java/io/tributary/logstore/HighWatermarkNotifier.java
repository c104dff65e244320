package io.tributary.logstore;

import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears that one log's high watermark advanced: the broker-wide listener of the log manager and
 * the log's own listeners. Called on a flusher thread, outside the log's lock; a listener that
 * throws is logged and the others still hear.
 */
final class HighWatermarkNotifier {
    private static final Logger LOGGER = LoggerFactory.getLogger(HighWatermarkNotifier.class);

    private final TopicPartition topicPartition;
    private final HighWatermarkListener global;
    private final CopyOnWriteArrayList<HighWatermarkListener> listeners = new CopyOnWriteArrayList<>();

    HighWatermarkNotifier(TopicPartition topicPartition, HighWatermarkListener global) {
        this.topicPartition = topicPartition;
        this.global = global;
    }

    void add(HighWatermarkListener l) {
        listeners.add(l);
    }

    void remove(HighWatermarkListener l) {
        listeners.remove(l);
    }

    void advancedTo(long hw) {
        if (global != null) {
            safeNotify(global, hw);
        }
        for (HighWatermarkListener l : listeners) {
            safeNotify(l, hw);
        }
    }

    private void safeNotify(HighWatermarkListener l, long hw) {
        try {
            l.onHighWatermarkAdvanced(topicPartition, hw);
        } catch (RuntimeException e) {
            LOGGER.warn("High watermark listener failed for {}", topicPartition, e);
        }
    }
}
