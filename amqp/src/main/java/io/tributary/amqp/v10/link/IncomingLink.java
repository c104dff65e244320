package io.tributary.amqp.v10.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.amqp.auth.VhostAccess.Kind;
import io.tributary.amqp.v10.address.Address;
import io.tributary.amqp.v10.error.AmqpErrorException;
import io.tributary.amqp.v10.error.AmqpErrorMapper;
import io.tributary.amqp.v10.message.Amqp10Format;
import io.tributary.amqp.v10.message.IncomingMessage;
import io.tributary.amqp.v10.session.Amqp10Connection;
import io.tributary.amqp.v10.tx.Transaction;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.RoutedDestinations;
import io.tributary.exchanges.Router;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.LinkError;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;

/**
 * A client's sending link: reads transfers (large ones arrive in several frames and are read as they
 * come, so the session window keeps moving), routes each message and settles it once every destination
 * has it safe: {@code accepted}; {@code released} when nothing was bound; {@code rejected} with the
 * condition when it cannot be routed or is refused. Flow control is link credit: topped up as messages
 * are taken, withheld while a destination is congested or the memory alarm is raised.
 */
final class IncomingLink implements LinkHandler {
    static final int CREDIT = 256;

    private final Amqp10Connection conn;
    private final Receiver receiver;
    /** The fixed target, or null for the anonymous terminus (each message's {@code to}). */
    private final Address target;
    /** The dynamic node this link created, deleted when it detaches; or null. */
    private final Destination node;
    private final RoutedDestinations routed = new RoutedDestinations();
    private final Set<Destination> throttledBy = new HashSet<>();
    private ByteBuf partial;
    private boolean released;

    IncomingLink(Amqp10Connection conn, Receiver receiver, Address target, Destination node) {
        this.conn = conn;
        this.receiver = receiver;
        this.target = target;
        this.node = node;
    }

    void start() {
        topUp();
    }

    @Override
    public void delivery(Delivery d) {
        if (d.isAborted()) {
            releasePartial();
            d.settle();
            topUp();
            return;
        }
        int n = d.available();
        if (n > 0) {
            if (partial == null) {
                partial = Unpooled.buffer(d.isPartial() ? Math.max(n * 2, 64 * 1024) : n);
            }
            long max = conn.context().limits().maxMessageBytes();
            if ((long) partial.readableBytes() + n > max) {
                releasePartial();
                throw new AmqpErrorException(LinkError.MESSAGE_SIZE_EXCEEDED, "message larger than the maximum of " + max + " bytes");
            }
            byte[] chunk = new byte[n];
            receiver.recv(chunk, 0, n);
            partial.writeBytes(chunk);
        }
        if (d.isPartial()) {
            return;
        }
        byte[] raw = new byte[partial == null ? 0 : partial.readableBytes()];
        if (partial != null) {
            partial.readBytes(raw);
            releasePartial();
        }
        receiver.advance();
        try {
            publish(d, raw);
        } catch (RuntimeException e) {
            if (AmqpErrorMapper.unexpected(e)) {
                throw e;
            }
            settle(d, rejected(AmqpErrorMapper.map(e)));
        }
        topUp();
    }

    private void publish(Delivery d, byte[] raw) {
        conn.countPublished();
        DeliveryState state = d.getRemoteState();
        IncomingMessage in = IncomingMessage.decode(raw);
        Address a = target != null ? target : Address.parse(in.to());
        VirtualHost vh = conn.vhostRef();
        Exchange ex;
        String key;
        if (target == null) {
            conn.access().write(Kind.EXCHANGE, a.isQueue() ? "" : a.exchange());
        }
        if (a.isQueue()) {
            ex = vh.requireExchange("");
            key = a.queue();
        } else {
            ex = vh.requireExchange(a.exchange());
            if (ex.internal()) {
                throw new AccessRefusedException("cannot publish to internal exchange '" + ex.name() + "' in vhost '" + vh.name() + "'");
            }
            key = a.routingKey() != null ? a.routingKey() : in.subject() == null ? "" : in.subject();
        }
        Message msg = new Message(Amqp10Format.FORMAT, in.encodedProperties(), in.body(), ex.name(), key, System.currentTimeMillis());
        if (state instanceof TransactionalState ts) {
            Transaction tx = conn.transactions().require(ts.getTxnId());
            Exchange exchange = ex;
            tx.publish(() -> routeTransactional(vh, exchange, msg));
            settle(d, transactional(ts.getTxnId(), Accepted.getInstance()));
            return;
        }
        CompletableFuture<Void> f = route(vh, ex, msg);
        if (d.remotelySettled()) {
            d.settle();
            return;
        }
        if (f == null) {
            settle(d, Released.getInstance());
        } else if (f.isDone() && !f.isCompletedExceptionally()) {
            settle(d, Accepted.getInstance());
        } else {
            f.whenComplete((v, e) -> conn.engineExecute(() -> {
                if (receiver.getLocalState() == EndpointState.ACTIVE && !d.isSettled()) {
                    settle(d, e == null ? Accepted.getInstance() : rejected(AmqpErrorMapper.map(e)));
                }
            }));
        }
    }

    /** Routes; null when no destination matched. */
    private CompletableFuture<Void> route(VirtualHost vh, Exchange ex, Message msg) {
        Router.route(vh, ex, msg, routed);
        if (routed.isEmpty()) {
            return null;
        }
        List<CompletableFuture<Void>> later = null;
        for (int i = 0; i < routed.size(); i++) {
            Destination dest = routed.get(i);
            CompletableFuture<Void> f = dest.accept(msg);
            if (dest.congested()) {
                throttle(dest);
            }
            if (f != Destination.ACCEPTED && !(f.isDone() && !f.isCompletedExceptionally())) {
                if (later == null) {
                    later = new ArrayList<>(routed.size());
                }
                later.add(f);
            }
        }
        return later == null ? Destination.ACCEPTED : CompletableFuture.allOf(later.toArray(CompletableFuture[]::new));
    }

    /** A transactional publish at discharge: routed then, on the loop. */
    private CompletableFuture<Void> routeTransactional(VirtualHost vh, Exchange ex, Message msg) {
        CompletableFuture<Void> f = route(vh, ex, msg);
        return f == null ? Destination.ACCEPTED : f;
    }

    private void throttle(Destination d) {
        if (throttledBy.add(d)) {
            d.whenUncongested(() -> conn.engineExecute(() -> {
                throttledBy.remove(d);
                topUp();
            }));
        }
    }

    /** Gives the sender credit again once it used half, unless publishing must pause. */
    private void topUp() {
        if (released || receiver.getLocalState() != EndpointState.ACTIVE || !throttledBy.isEmpty()
                || conn.context().alarm().raised()) {
            return;
        }
        int credit = receiver.getCredit();
        if (credit <= CREDIT / 2) {
            receiver.flow(CREDIT - credit);
        }
    }

    private static void settle(Delivery d, DeliveryState outcome) {
        d.disposition(outcome);
        d.settle();
    }

    private static Rejected rejected(ErrorCondition condition) {
        Rejected r = new Rejected();
        r.setError(condition);
        return r;
    }

    private static TransactionalState transactional(Binary txnId, org.apache.qpid.proton.amqp.messaging.Outcome outcome) {
        TransactionalState ts = new TransactionalState();
        ts.setTxnId(txnId);
        ts.setOutcome(outcome);
        return ts;
    }

    @Override
    public void writable() {
        topUp();
    }

    @Override
    public void remoteDetached() {
        release();
        receiver.close();
    }

    @Override
    public void release() {
        if (released) {
            return;
        }
        released = true;
        releasePartial();
        if (node != null) {
            conn.exclusiveQueueDeleted(node);
            conn.vhostRef().deleteQueue(node);
        }
    }

    private void releasePartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
