package io.tributary.kafka.txn;

/**
 * The states of a transactional id, with the names Kafka's DescribeTransactions and
 * ListTransactions use.
 *
 * <pre>
 *  Empty ──add partitions──▶ Ongoing ──EndTxn(commit)──▶ PrepareCommit ──markers──▶ CompleteCommit
 *    ▲                          │  └────EndTxn(abort) / fence / timeout──▶ PrepareAbort ──markers──▶ CompleteAbort
 *    └── InitProducerId ◀───────┴──────────── (Complete* and Empty accept InitProducerId and new partitions)
 * </pre>
 */
public enum TxnState {
    EMPTY("Empty"),
    ONGOING("Ongoing"),
    PREPARE_COMMIT("PrepareCommit"),
    PREPARE_ABORT("PrepareAbort"),
    COMPLETE_COMMIT("CompleteCommit"),
    COMPLETE_ABORT("CompleteAbort"),
    DEAD("Dead"),
    PREPARE_EPOCH_FENCE("PrepareEpochFence");

    private final String kafkaName;

    TxnState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }

    /** True while markers are being written: the id accepts no new operation. */
    public boolean preparing() {
        return this == PREPARE_COMMIT || this == PREPARE_ABORT || this == PREPARE_EPOCH_FENCE;
    }

    /** True when a new transaction may begin (partitions may be added). */
    public boolean idle() {
        return this == EMPTY || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
    }

    public static TxnState fromKafkaName(String name) {
        for (TxnState s : values()) {
            if (s.kafkaName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }
}
