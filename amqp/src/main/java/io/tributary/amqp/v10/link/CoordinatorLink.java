package io.tributary.amqp.v10.link;

import io.tributary.amqp.v10.error.AmqpErrorException;
import io.tributary.amqp.v10.error.AmqpErrorMapper;
import io.tributary.amqp.v10.session.Amqp10Connection;
import io.tributary.amqp.v10.tx.Transaction;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transaction.Declare;
import org.apache.qpid.proton.amqp.transaction.Declared;
import org.apache.qpid.proton.amqp.transaction.Discharge;
import org.apache.qpid.proton.amqp.transaction.TxnCapability;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.message.Message;

/**
 * The transaction coordinator (AMQP 1.0 part 4): a client's link to a {@link Coordinator} target
 * carrying {@code declare} (answered {@code declared} with a new id) and {@code discharge} (commit, or
 * rollback with {@code fail}: answered {@code accepted} once the committed messages are safe). Local
 * transactions only.
 */
final class CoordinatorLink implements LinkHandler {
    private static final int CREDIT = 64;

    private final Amqp10Connection conn;
    private final Receiver receiver;

    private CoordinatorLink(Amqp10Connection conn, Receiver receiver) {
        this.conn = conn;
        this.receiver = receiver;
    }

    static void attach(Amqp10Connection conn, Receiver r) {
        Coordinator c = (Coordinator) r.getRemoteTarget();
        Coordinator local = new Coordinator();
        local.setCapabilities(TxnCapability.LOCAL_TXN);
        if (c.getCapabilities() != null) {
            for (Symbol s : c.getCapabilities()) {
                if (!TxnCapability.LOCAL_TXN.equals(s)) {
                    throw new AmqpErrorException(AmqpError.NOT_IMPLEMENTED, "transaction capability " + s + " is not supported");
                }
            }
        }
        CoordinatorLink link = new CoordinatorLink(conn, r);
        r.setContext(link);
        r.setTarget(local);
        r.setSource(r.getRemoteSource());
        r.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        r.open();
        r.flow(CREDIT);
    }

    @Override
    public void delivery(Delivery d) {
        if (d.isPartial()) {
            return;
        }
        byte[] raw = new byte[d.available()];
        receiver.recv(raw, 0, raw.length);
        receiver.advance();
        try {
            Message m = Message.Factory.create();
            m.decode(raw, 0, raw.length);
            Object body = m.getBody() instanceof AmqpValue v ? v.getValue() : null;
            if (body instanceof Declare) {
                Declared declared = new Declared();
                declared.setTxnId(conn.transactions().declare());
                settle(d, declared);
            } else if (body instanceof Discharge dis) {
                discharge(d, dis);
            } else {
                throw new AmqpErrorException(AmqpError.DECODE_ERROR, "the coordinator takes declare and discharge only");
            }
        } catch (RuntimeException e) {
            if (AmqpErrorMapper.unexpected(e) && !(e instanceof org.apache.qpid.proton.codec.DecodeException)) {
                throw e;
            }
            Rejected r = new Rejected();
            r.setError(AmqpErrorMapper.map(e instanceof org.apache.qpid.proton.codec.DecodeException
                    ? new AmqpErrorException(AmqpError.DECODE_ERROR, e.getMessage()) : e));
            settle(d, r);
        }
        if (receiver.getCredit() < CREDIT / 2) {
            receiver.flow(CREDIT - receiver.getCredit());
        }
    }

    private void discharge(Delivery d, Discharge dis) {
        Transaction tx = conn.transactions().discharge(dis.getTxnId());
        if (Boolean.TRUE.equals(dis.getFail())) {
            tx.rollback(Outcomes::failed);
            settle(d, Accepted.getInstance());
            return;
        }
        CompletableFuture<Void> safe = tx.commit(Outcomes::apply);
        if (safe.isDone() && !safe.isCompletedExceptionally()) {
            settle(d, Accepted.getInstance());
            return;
        }
        safe.whenComplete((v, e) -> conn.engineExecute(() -> {
            if (receiver.getLocalState() != EndpointState.ACTIVE) {
                return;
            }
            if (e == null) {
                settle(d, Accepted.getInstance());
            } else {
                Rejected r = new Rejected();
                r.setError(AmqpErrorMapper.map(e));
                settle(d, r);
            }
        }));
    }

    private static void settle(Delivery d, DeliveryState state) {
        d.disposition(state);
        d.settle();
    }

    @Override
    public void remoteDetached() {
        receiver.close();
    }

    @Override
    public void release() {
        // transactions belong to the connection; they roll back when it closes
    }
}
