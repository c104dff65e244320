package io.tributary.amqp.v10.link;

import io.tributary.amqp.auth.VhostAccess.Kind;
import io.tributary.amqp.v10.address.Address;
import io.tributary.amqp.v10.error.AmqpErrorException;
import io.tributary.amqp.v10.error.AmqpErrorMapper;
import io.tributary.amqp.v10.management.ManagementNode;
import io.tributary.amqp.v10.session.Amqp10Connection;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.stream.StreamSource;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.queues.ConsumableQueue;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;

/**
 * Attaches links: resolves the terminus address to an exchange or queue (declaring a plain-named queue on
 * first use, creating a temporary queue for a dynamic terminus), then installs the link's handler. A
 * terminus that cannot be attached is refused as the spec says: an attach with a null terminus,
 * then a detach carrying the error ({@code amqp:not-found}, {@code amqp:unauthorized-access}, ...).
 */
public final class Links {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Amqp10Connection conn;

    public Links(Amqp10Connection conn) {
        this.conn = conn;
    }

    public void attach(Link l) {
        try {
            if (l instanceof Receiver r) {
                if (r.getRemoteTarget() instanceof Coordinator) {
                    CoordinatorLink.attach(conn, r);
                } else {
                    attachIncoming(r);
                }
            } else {
                attachOutgoing((Sender) l);
            }
        } catch (RuntimeException e) {
            if (AmqpErrorMapper.unexpected(e)) {
                throw e;
            }
            refuse(l, AmqpErrorMapper.map(e));
        }
    }

    // ---- a client's sender: we receive ----

    private void attachIncoming(Receiver r) {
        if (!(r.getRemoteTarget() instanceof Target t)) {
            throw new AmqpErrorException(AmqpError.INVALID_FIELD, "a sending link needs a target");
        }
        if (ManagementNode.ADDRESS.equals(t.getAddress())) {
            conn.management().attachRequests(r);
            return;
        }
        if (Boolean.TRUE.equals(t.getDynamic())) {
            conn.access().configure(Kind.QUEUE, "amq.gen-AAAAAAAAAAAAAAAAAAAAAA");
            later(temporaryQueue(), r, q -> {
                t.setAddress(Address.ofQueue(q.name()));
                openIncoming(r, t, Address.parse(t.getAddress()), q);
            });
            return;
        }
        if (t.getAddress() == null) {
            openIncoming(r, t, null, null);
            return;
        }
        Address a = Address.parse(t.getAddress());
        VirtualHost vh = conn.vhostRef();
        if (a.isQueue()) {
            conn.access().write(Kind.EXCHANGE, "");
            later(queueFor(a), r, q -> openIncoming(r, t, a, null));
        } else {
            conn.access().write(Kind.EXCHANGE, a.exchange());
            if (vh.exchange(a.exchange()) == null && conn.context().followsOtherNodes()) {
                // declared on another node a moment ago? Follow that before saying it is not there
                later(conn.context().catchUpDefinitions(), r, v -> openToExchange(r, t, a));
                return;
            }
            openToExchange(r, t, a);
        }
    }

    private void openToExchange(Receiver r, Target t, Address a) {
        VirtualHost vh = conn.vhostRef();
        Exchange ex = vh.requireExchange(a.exchange());
        if (ex.internal()) {
            throw new AccessRefusedException("cannot publish to internal exchange '" + ex.name() + "' in vhost '" + vh.name() + "'");
        }
        openIncoming(r, t, a, null);
    }

    private void openIncoming(Receiver r, Target t, Address a, Destination node) {
        IncomingLink link = new IncomingLink(conn, r, a, node);
        r.setContext(link);
        r.setTarget(t);
        r.setSource(r.getRemoteSource());
        r.setSenderSettleMode(r.getRemoteSenderSettleMode());
        r.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        r.setMaxMessageSize(org.apache.qpid.proton.amqp.UnsignedLong.valueOf(conn.context().limits().maxMessageBytes()));
        r.open();
        link.start();
    }

    // ---- a client's receiver: we send ----

    private void attachOutgoing(Sender s) {
        if (!(s.getRemoteSource() instanceof Source src)) {
            throw new AmqpErrorException(AmqpError.INVALID_FIELD, "a receiving link needs a source");
        }
        if (ManagementNode.ADDRESS.equals(src.getAddress())) {
            conn.management().attachResponses(s);
            return;
        }
        if (Boolean.TRUE.equals(src.getDynamic())) {
            conn.access().configure(Kind.QUEUE, "amq.gen-AAAAAAAAAAAAAAAAAAAAAA");
            later(temporaryQueue(), s, q -> {
                src.setAddress(Address.ofQueue(q.name()));
                openOutgoing(s, src, q, q);
            });
            return;
        }
        Address a = Address.parse(src.getAddress());
        if (!a.isQueue()) {
            throw new AmqpErrorException(AmqpError.INVALID_FIELD, "address '" + src.getAddress()
                    + "': consume from a queue (/queues/{queue})");
        }
        conn.access().read(Kind.QUEUE, a.queue());
        later(queueFor(a), s, d -> openOutgoing(s, src, d, null));
    }

    private void openOutgoing(Sender s, Source src, Destination d, Destination node) {
        if (d instanceof StreamSource stream) {
            openStream(s, src, stream);
            return;
        }
        if (!(d instanceof ConsumableQueue q)) {
            throw new AmqpErrorException(AmqpError.NOT_IMPLEMENTED, "queue '" + d.name() + "' cannot be consumed over AMQP 1.0");
        }
        conn.vhostRef().checkExclusiveAccess(q.definition(), conn.id());
        OutgoingLink link = new OutgoingLink(conn, s, q, node);
        s.setContext(link);
        s.setSource(src);
        s.setTarget(s.getRemoteTarget());
        s.setSenderSettleMode(s.getRemoteSenderSettleMode());
        s.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        s.open();
        later(q.consume(link, false), s, v -> link.flow());
    }

    private void openStream(Sender s, Source src, StreamSource stream) {
        StreamOutgoingLink link;
        try {
            link = new StreamOutgoingLink(conn, s, stream, src.getFilter());
        } catch (IllegalArgumentException e) {
            throw new AmqpErrorException(AmqpError.INVALID_FIELD, e.getMessage());
        }
        s.setContext(link);
        s.setSource(src);
        s.setTarget(s.getRemoteTarget());
        s.setSenderSettleMode(s.getRemoteSenderSettleMode());
        s.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        s.open();
        link.flow();
    }

    // ---- nodes ----

    /** The queue a v2 address names (it must exist), or a plain-named queue (declared durable when absent). */
    private CompletableFuture<Destination> queueFor(Address a) {
        if (conn.vhostRef().destination(a.queue()) == null && conn.context().followsOtherNodes()) {
            // another node may have declared it a moment ago: follow that first, then look (or declare) on the engine
            return conn.context().catchUpDefinitions().thenComposeAsync(v -> lookUpQueue(a), conn::engineExecute);
        }
        return lookUpQueue(a);
    }

    private CompletableFuture<Destination> lookUpQueue(Address a) {
        VirtualHost vh = conn.vhostRef();
        if (!a.plain()) {
            return CompletableFuture.completedFuture(vh.requireDestination(a.queue()));
        }
        Destination d = vh.destination(a.queue());
        if (d != null) {
            return CompletableFuture.completedFuture(d);
        }
        if (a.queue().startsWith("amq.")) {
            throw new AccessRefusedException("queue name '" + a.queue() + "' contains reserved prefix 'amq.*'");
        }
        conn.access().configure(Kind.QUEUE, a.queue());
        return vh.declareQueue(new QueueDefinition(vh.name(), a.queue(), true, null, false, Map.of()), conn.context().destinations());
    }

    /** A dynamic node: a queue exclusive to this connection, deleted with the link that made it. */
    private CompletableFuture<Destination> temporaryQueue() {
        byte[] r = new byte[16];
        RANDOM.nextBytes(r);
        String name = "amq.gen-" + Base64.getUrlEncoder().withoutPadding().encodeToString(r);
        VirtualHost vh = conn.vhostRef();
        return vh.declareQueue(new QueueDefinition(vh.name(), name, false, conn.id(), false, Map.of()), conn.context().destinations())
                .thenApply(d -> {
                    conn.exclusiveQueueDeclared(d);
                    return d;
                });
    }

    /** Continues the attach on the event loop once {@code f} completes; failures refuse the link. */
    private <T> void later(CompletableFuture<T> f, Link l, Consumer<T> then) {
        if (f.isDone() && !f.isCompletedExceptionally()) {
            then.accept(f.join());
            return;
        }
        f.whenComplete((v, e) -> conn.engineExecute(() -> {
            if (!conn.isOpen()) {
                return;
            }
            try {
                if (e != null) {
                    throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
                }
                then.accept(v);
            } catch (RuntimeException ex) {
                if (AmqpErrorMapper.unexpected(ex)) {
                    throw ex;
                }
                refuse(l, AmqpErrorMapper.map(ex));
            }
        }));
    }

    /** Refuses (or, when already open, closes) a link with an error. */
    void refuse(Link l, ErrorCondition condition) {
        if (l.getLocalState() == org.apache.qpid.proton.engine.EndpointState.UNINITIALIZED) {
            if (l instanceof Sender) {
                l.setSource(null);
                l.setTarget(l.getRemoteTarget());
            } else {
                l.setTarget(null);
                l.setSource(l.getRemoteSource());
            }
            l.open();
        }
        conn.closeLink(l, condition);
    }
}
