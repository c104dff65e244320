package io.tributary.logstore;

/**
 * Told when a log's high watermark moves forward (new data became visible to consumers): the Kafka
 * layer completes delayed Fetches with it.
 *
 * <p>Called on a flusher thread, outside the log's lock: do no more than note the partition and
 * hand the work to another thread (an event loop). Slow listeners delay every log on that flusher.
 */
@FunctionalInterface
public interface HighWatermarkListener {
    void onHighWatermarkAdvanced(TopicPartition partition, long newHighWatermark);
}
