package io.tributary.kafka.group;

import java.util.concurrent.CompletableFuture;

/** The {@code __consumer_offsets} topic, as the coordinator needs it. */
public interface OffsetsTopic {
    /** The topic's name, as in Kafka. */
    String NAME = "__consumer_offsets";

    /**
     * Creates the topic when it does not exist: compacted, {@code partitions} partitions.
     *
     * @return completes with the topic's partition count (an existing topic keeps its own)
     */
    CompletableFuture<Integer> ensureCreated(int partitions, int segmentBytes);

    /** Partition {@code partition}'s log (once {@link #ensureCreated} completed). */
    CoordinatorLog log(int partition);
}
