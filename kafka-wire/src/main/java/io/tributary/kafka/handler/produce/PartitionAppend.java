package io.tributary.kafka.handler.produce;

import io.tributary.kafka.error.KafkaErrorMapper;
import io.tributary.logstore.AppendResult;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;

/**
 * The outcome of appending one partition's records: the log's answer and what the producer waits
 * for before it is told (durable here; with acks=all in a cluster, committed by the ISR), or the
 * error that refused them.
 */
record PartitionAppend(int partition, AppendResult result, CompletableFuture<Void> acknowledged, Errors error, String message) {

    static PartitionAppend appended(int partition, AppendResult result, CompletableFuture<Void> acknowledged) {
        return new PartitionAppend(partition, result, acknowledged, Errors.NONE, null);
    }

    static PartitionAppend failed(int partition, Throwable failure) {
        return new PartitionAppend(partition, null, null, KafkaErrorMapper.toError(failure), KafkaErrorMapper.message(failure));
    }

    static PartitionAppend failed(int partition, Errors error) {
        return new PartitionAppend(partition, null, null, error, null);
    }

    /** Completes when the producer may be told: with this outcome or the error that prevented it. */
    CompletableFuture<PartitionAppend> whenDurable() {
        if (result == null) {
            return CompletableFuture.completedFuture(this);
        }
        return acknowledged.handle((v, e) -> e == null ? this : failed(partition, e));
    }

    PartitionProduceResponse toResponse() {
        PartitionProduceResponse r = new PartitionProduceResponse().setIndex(partition).setErrorCode(error.code());
        if (result != null) {
            r.setBaseOffset(result.firstOffset()).setLogAppendTimeMs(result.logAppendTime()).setLogStartOffset(result.logStartOffset());
        } else {
            r.setBaseOffset(-1).setErrorMessage(message);
        }
        return r;
    }
}
