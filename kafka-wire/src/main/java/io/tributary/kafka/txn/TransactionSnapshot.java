package io.tributary.kafka.txn;

import io.tributary.logstore.TopicPartition;
import java.util.Set;

/**
 * An immutable view of a transactional id's state: the value of its record in
 * {@code __transaction_state}, and what DescribeTransactions reports.
 *
 * @param startMs when the current transaction began (its first partition), -1 when none
 */
public record TransactionSnapshot(String transactionalId, long producerId, short producerEpoch, int timeoutMs, TxnState state,
        Set<TopicPartition> partitions, long startMs, long lastUpdateMs) {
}
