package io.tributary.kafka.txn;

/** Why the coordinator refused an operation; the handler layer maps each to Kafka's error code of the same name. */
public enum TxnError {
    NONE,
    INVALID_PRODUCER_ID_MAPPING,
    PRODUCER_FENCED,
    CONCURRENT_TRANSACTIONS,
    INVALID_TXN_STATE,
    INVALID_TRANSACTION_TIMEOUT,
    COORDINATOR_LOAD_IN_PROGRESS,
    TRANSACTIONAL_ID_NOT_FOUND,
    COORDINATOR_NOT_AVAILABLE,
    NOT_COORDINATOR
}
