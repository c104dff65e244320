package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.InternalTopicLog;
import io.tributary.kafka.txn.TransactionStateLog;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** {@code __transaction_state} partition 0 as the coordinator's {@link TransactionStateLog}. */
public final class LogTransactionStateLog implements TransactionStateLog {
    private final InternalTopicLog log;
    private final LongSupplier clock;

    public LogTransactionStateLog(InternalTopicLog log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> append(byte[] key, byte[] value) {
        return log.append(key, value, clock.getAsLong());
    }

    @Override
    public void replay(BiConsumer<byte[], byte[]> sink) {
        log.awaitDurable().join();
        log.replay(sink);
    }
}
