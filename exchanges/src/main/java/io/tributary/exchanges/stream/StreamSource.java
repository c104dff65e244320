package io.tributary.exchanges.stream;

import io.tributary.exchanges.Destination;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A destination whose messages stay in a log and are read by offset: an AMQP stream (one
 * partition) or super stream (several), which are Kafka topics of the same name.
 */
public interface StreamSource extends Destination {
    int partitions();

    /** A cursor on {@code partition} positioned at {@code start}. */
    StreamCursor open(int partition, StreamOffset start);

    /** The offset stored under {@code consumerName} for {@code partition}: where that consumer resumes. */
    OptionalLong storedOffset(String consumerName, int partition);

    /** Stores where {@code consumerName} resumes on {@code partition}; completes when durable. */
    CompletableFuture<Void> storeOffset(String consumerName, int partition, long nextOffset);
}
