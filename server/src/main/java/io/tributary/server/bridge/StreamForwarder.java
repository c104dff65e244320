package io.tributary.server.bridge;

import io.tributary.logstore.LogRecord;
import io.tributary.logstore.TopicPartition;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a stream publish to the node that leads its partition when this node does not (a
 * replicated topic led elsewhere): appending here would fork the log. The future completes once
 * the leader has the records as {@code acks=all} has them, or fails when it cannot get them there.
 */
@FunctionalInterface
public interface StreamForwarder {
    CompletableFuture<Void> forward(TopicPartition tp, List<LogRecord> records);
}
