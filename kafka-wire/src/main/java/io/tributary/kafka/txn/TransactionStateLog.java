package io.tributary.kafka.txn;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Where the coordinator keeps its state: {@code __transaction_state}, a compacted log of
 * {@link TransactionLogFormat} records. The handler layer implements it over a partition log.
 */
public interface TransactionStateLog {
    /** Appends one record; completes once it is durable. {@code value} null is a tombstone. */
    CompletableFuture<Void> append(byte[] key, byte[] value);

    /** Replays every durable record, oldest first (start-up, on the coordinator's thread). */
    void replay(BiConsumer<byte[], byte[]> sink);
}
