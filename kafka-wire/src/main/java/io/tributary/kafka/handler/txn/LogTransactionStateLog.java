package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.InternalTopicLog;
import io.tributary.kafka.handler.Leadership;
import io.tributary.kafka.txn.TransactionStateLog;
import io.tributary.logstore.LogManager;
import io.tributary.logstore.TopicPartition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * {@code __transaction_state} partition 0 as the coordinator's {@link TransactionStateLog}: written
 * only while this node leads it, each write answered once the partition's ISR has it.
 */
public final class LogTransactionStateLog implements TransactionStateLog {
    /** How long a load waits for the partition's high watermark to reach the log end (the followers to catch up). */
    private static final long LOAD_WAIT_SECONDS = 60;

    private final LogManager logs;
    private final TopicPartition tp;
    private final Leadership leadership;
    private final LongSupplier clock;

    public LogTransactionStateLog(LogManager logs, TopicPartition tp, Leadership leadership, LongSupplier clock) {
        this.logs = logs;
        this.tp = tp;
        this.leadership = leadership;
        this.clock = clock;
    }

    private InternalTopicLog log() {
        return new InternalTopicLog(logs.log(tp).orElseThrow(() -> new IllegalStateException(tp + " does not exist")));
    }

    @Override
    public CompletableFuture<Void> append(byte[] key, byte[] value) {
        try {
            return log().append(key, value, clock.getAsLong(), leadership);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void replay(BiConsumer<byte[], byte[]> sink) {
        InternalTopicLog log = log();
        // a new leader replays what it has once that is committed: everything a previous leader acknowledged is in it
        log.awaitDurable().orTimeout(LOAD_WAIT_SECONDS, TimeUnit.SECONDS).join();
        log.replay(sink);
    }
}
