/**
 * Kafka transaction APIs over the {@link io.tributary.kafka.txn.TransactionCoordinator}: InitProducerId
 * with a transactional id, AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, DescribeTransactions,
 * ListTransactions; and the coordinator's storage: {@code __transaction_state} and the markers it
 * writes into partition logs.
 */
package io.tributary.kafka.handler.txn;
