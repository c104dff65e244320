package io.tributary.kafka.handler.txn;

import io.tributary.kafka.txn.TxnError;
import org.apache.kafka.common.protocol.Errors;

/** The coordinator's refusals as Kafka error codes (same names). */
final class TxnErrors {
    private TxnErrors() {
    }

    static Errors of(TxnError e) {
        return e == TxnError.NONE ? Errors.NONE : Errors.valueOf(e.name());
    }
}
