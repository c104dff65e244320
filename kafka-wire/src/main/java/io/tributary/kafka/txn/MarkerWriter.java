package io.tributary.kafka.txn;

import io.tributary.logstore.TopicPartition;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Writes the commit or abort marker of a producer's transaction to each of its partitions (Kafka's
 * WriteTxnMarkers, done locally on one node), including offsets partitions, whose group coordinator
 * then makes the transaction's offsets visible or drops them.
 */
public interface MarkerWriter {
    /** Completes once every marker is durable; fails if one could not be written (the coordinator retries). */
    CompletableFuture<Void> write(long producerId, short producerEpoch, boolean commit, Collection<TopicPartition> partitions);
}
