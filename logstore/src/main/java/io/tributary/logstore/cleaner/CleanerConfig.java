package io.tributary.logstore.cleaner;

import io.tributary.config.BrokerConfig;
import io.tributary.config.LogSettings;

/**
 * The broker-wide cleaner settings ({@code log.cleaner.*}); per-topic compaction settings come from
 * each log's {@link io.tributary.logstore.LogConfig}.
 *
 * @param dedupeBufferSize bytes of key-to-offset map, split evenly over the threads
 * @param backoffMs how long a cleaner thread waits when no log needs cleaning
 */
public record CleanerConfig(boolean enabled, int threads, long dedupeBufferSize, long backoffMs) {
    public static CleanerConfig from(BrokerConfig broker) {
        return new CleanerConfig(broker.get(LogSettings.CLEANER_ENABLE), broker.get(LogSettings.CLEANER_THREADS),
                broker.get(LogSettings.CLEANER_DEDUPE_BUFFER_SIZE), broker.get(LogSettings.CLEANER_BACKOFF_MS));
    }

    /** Each thread's share of the dedupe buffer. */
    public long bytesPerThread() {
        return dedupeBufferSize / threads;
    }
}
