package io.tributary.kafka.txn;

import io.tributary.logstore.TopicPartition;
import java.util.Set;
import java.util.TreeSet;

/**
 * One transactional id's state: its producer id and epoch, timeout, state, and the partitions of
 * its current transaction. Mutable; confined to the coordinator's thread. {@link #snapshot()} is what
 * is written to the transaction log and what Describe/List report.
 */
final class TransactionMetadata {
    final String transactionalId;
    long producerId;
    short producerEpoch;
    int timeoutMs;
    TxnState state;
    final Set<TopicPartition> partitions = new TreeSet<>();
    long startMs = -1;
    long lastUpdateMs;

    TransactionMetadata(String transactionalId, long producerId, short producerEpoch, int timeoutMs, TxnState state, long nowMs) {
        this.transactionalId = transactionalId;
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.timeoutMs = timeoutMs;
        this.state = state;
        this.lastUpdateMs = nowMs;
    }

    static TransactionMetadata of(TransactionSnapshot s) {
        TransactionMetadata m = new TransactionMetadata(s.transactionalId(), s.producerId(), s.producerEpoch(), s.timeoutMs(), s.state(),
                s.lastUpdateMs());
        m.partitions.addAll(s.partitions());
        m.startMs = s.startMs();
        return m;
    }

    TransactionSnapshot snapshot() {
        return new TransactionSnapshot(transactionalId, producerId, producerEpoch, timeoutMs, state, Set.copyOf(partitions), startMs,
                lastUpdateMs);
    }

    /** True when an ongoing transaction has outlived its timeout. */
    boolean timedOut(long nowMs) {
        return state == TxnState.ONGOING && startMs >= 0 && nowMs - startMs > timeoutMs;
    }
}
