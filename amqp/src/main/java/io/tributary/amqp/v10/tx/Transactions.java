package io.tributary.amqp.v10.tx;

import io.tributary.amqp.v10.error.AmqpErrorException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;

/** A connection's declared transactions by id. Event loop only. */
public final class Transactions {
    private final Map<Binary, Transaction> open = new HashMap<>();
    private long nextId;

    /** Declares a transaction and returns its id. */
    public Binary declare() {
        Binary id = new Binary(ByteBuffer.allocate(8).putLong(++nextId).array());
        open.put(id, new Transaction());
        return id;
    }

    /**
     * @throws AmqpErrorException {@code amqp:transaction:unknown-id} when there is no such transaction
     */
    public Transaction require(Binary id) {
        Transaction t = id == null ? null : open.get(id);
        if (t == null) {
            throw new AmqpErrorException(TransactionErrors.UNKNOWN_ID, "unknown transaction id " + id);
        }
        return t;
    }

    /** Ends a transaction (discharge): it is no longer known by its id. */
    public Transaction discharge(Binary id) {
        Transaction t = require(id);
        open.remove(id);
        return t;
    }

    /** The connection closed: every open transaction rolls back. */
    public void rollbackAll(Transaction.Outcome requeue) {
        open.values().forEach(t -> t.rollback(requeue));
        open.clear();
    }
}
