package io.tributary.kafka.handler.fetch;

import io.tributary.logstore.HighWatermarkListener;
import io.tributary.logstore.TopicPartition;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches waiting for data, by the partitions they watch. The log manager calls
 * {@link #onHighWatermarkAdvanced} on a flusher thread when new data became visible; that only
 * tells the watching fetches to read again, elsewhere.
 */
public final class FetchPurgatory implements HighWatermarkListener {
    private final Map<TopicPartition, Set<DelayedFetch>> watchers = new ConcurrentHashMap<>();
    private final Set<DelayedFetch> waiting = ConcurrentHashMap.newKeySet();

    void watch(DelayedFetch fetch, Iterable<TopicPartition> partitions) {
        waiting.add(fetch);
        for (TopicPartition tp : partitions) {
            watchers.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(fetch);
        }
    }

    void unwatch(DelayedFetch fetch, Iterable<TopicPartition> partitions) {
        waiting.remove(fetch);
        for (TopicPartition tp : partitions) {
            Set<DelayedFetch> set = watchers.get(tp);
            if (set != null) {
                set.remove(fetch);
            }
        }
    }

    @Override
    public void onHighWatermarkAdvanced(TopicPartition partition, long newHighWatermark) {
        Set<DelayedFetch> set = watchers.get(partition);
        if (set == null || set.isEmpty()) {
            return;
        }
        for (DelayedFetch f : set) {
            f.wake();
        }
    }

    /** Answers every waiting fetch now with what it has (shutdown). */
    public void completeAll() {
        for (DelayedFetch f : waiting) {
            f.expire();
        }
    }

    /** Fetches waiting now (for tests and metrics). */
    public int size() {
        return waiting.size();
    }
}
