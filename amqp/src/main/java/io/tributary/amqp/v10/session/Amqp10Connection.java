package io.tributary.amqp.v10.session;

import io.tributary.amqp.AmqpConnectionInfo;
import io.tributary.amqp.AmqpContext;
import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.amqp.auth.VhostAccess;
import io.tributary.amqp.v10.error.AmqpErrorMapper;
import io.tributary.amqp.v10.link.LinkHandler;
import io.tributary.amqp.v10.link.Links;
import io.tributary.amqp.v10.link.Outcomes;
import io.tributary.amqp.v10.management.ManagementNode;
import io.tributary.amqp.v10.proton.EventSink;
import io.tributary.amqp.v10.proton.ProtonHandler;
import io.tributary.amqp.v10.tx.Transactions;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.exchanges.vhost.VirtualHosts;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP 1.0 connection: authenticates (SASL user, or ANONYMOUS for the plain header), picks the
 * virtual host from the open frame's hostname ({@code vhost:NAME}, else {@code /}), opens sessions
 * with a bounded incoming window, and hands link events to each link's {@link LinkHandler}.
 *
 * <pre>
 * AWAITING_OPEN --open(ok)--> OPEN --close (either side) / socket closed--> CLOSED
 * </pre>
 */
public final class Amqp10Connection implements EventSink, AmqpConnectionInfo {
    private static final Logger LOGGER = LoggerFactory.getLogger(Amqp10Connection.class);
    private static final AtomicLong IDS = new AtomicLong();
    /**
     * Bytes a session buffers from its peer before its incoming window closes, at least 64 MiB and two
     * of the largest messages. Links read transfers as they arrive, so little is ever buffered; the
     * window is this large because proton-j peers stall when a window must reopen in the middle of a
     * multi-frame transfer (measured with Qpid JMS: a 60 s stall until the next idle-timeout frame).
     * Publishers are paced by link credit.
     */
    static int sessionIncomingCapacity(long maxMessageBytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(64L * 1024 * 1024, 2 * maxMessageBytes));
    }
    private static final Symbol ANONYMOUS_RELAY = Symbol.valueOf("ANONYMOUS-RELAY");
    private static final String VHOST_PREFIX = "vhost:";
    /** The RabbitMQ version whose AMQP 1.0 features this broker offers; RabbitMQ's own clients check it. */
    public static final String RABBITMQ_COMPATIBLE_VERSION = "4.0.0";

    private final AmqpContext context;
    private final String id = "amqp10-" + IDS.incrementAndGet();
    private final Set<Destination> exclusiveQueues = ConcurrentHashMap.newKeySet();
    private final Transactions transactions = new Transactions();
    private final Consumer<Boolean> alarmListener = raised -> engineExecute(() -> {
        if (!raised) {
            eachLink(LinkHandler::writable);
        }
    });
    private ProtonHandler engine;
    private Links links;
    private ManagementNode management;
    private String user;
    private VirtualHost vhost;
    private VhostAccess access;
    private boolean open;
    private volatile int sessions;
    private volatile Map<String, Object> clientProperties = Map.of();
    volatile long published;
    volatile long delivered;

    public Amqp10Connection(AmqpContext context) {
        this.context = context;
    }

    @Override
    public void bound(ProtonHandler protonHandler) {
        this.engine = protonHandler;
        this.links = new Links(this);
        this.management = new ManagementNode(this);
        long timeout = context.limits().handshakeTimeoutMs();
        protonHandler.channelContext().executor().schedule(() -> engineExecute(() -> {
            if (!open && engine.connection().getLocalState() == EndpointState.UNINITIALIZED) {
                LOGGER.info("Closing AMQP 1.0 connection from {}: not opened within {} ms", remoteAddress(), timeout);
                engine.closeConnection(new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED, "connection not opened within " + timeout + " ms"));
            }
        }), timeout, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void onEvent(Event ev) {
        if (ev == null) {
            eachLink(LinkHandler::writable);
            return;
        }
        switch (ev.getType()) {
            case CONNECTION_REMOTE_OPEN: open(); break;
            case CONNECTION_REMOTE_CLOSE: remoteClose(); break;
            case SESSION_REMOTE_OPEN: begin(ev.getSession()); break;
            case SESSION_REMOTE_CLOSE: end(ev.getSession()); break;
            case LINK_REMOTE_OPEN: links.attach(ev.getLink()); break;
            case LINK_REMOTE_DETACH:
            case LINK_REMOTE_CLOSE: remoteDetach(ev.getLink()); break;
            case LINK_FLOW: withHandler(ev.getLink(), LinkHandler::flow); break;
            case DELIVERY: withHandler(ev.getDelivery().getLink(), h -> h.delivery(ev.getDelivery())); break;
            default: break;
        }
    }

    // ---- connection ---------------------------------------------------------------------------

    private void open() {
        Connection c = engine.connection();
        c.setContainer("tributary");
        Map<Symbol, Object> props = new LinkedHashMap<>();
        props.put(Symbol.valueOf("product"), "Tributary");
        props.put(Symbol.valueOf("version"), RABBITMQ_COMPATIBLE_VERSION);
        props.put(Symbol.valueOf("tributary-version"), context.productVersion());
        props.put(Symbol.valueOf("node"), "tributary@localhost");
        c.setProperties(props);
        c.setOfferedCapabilities(new Symbol[] {ANONYMOUS_RELAY});
        Map<String, Object> remote = new LinkedHashMap<>();
        if (c.getRemoteProperties() != null) {
            c.getRemoteProperties().forEach((k, v) -> remote.put(k.toString(), String.valueOf(v)));
        }
        clientProperties = remote;
        try {
            user = engine.usedSasl() ? engine.saslUser() : context.authenticator().authenticateAnonymous(remoteAddress());
        } catch (AuthenticationException e) {
            LOGGER.warn("AMQP 1.0 connection from {} without SASL refused: {}", remoteAddress(), e.getMessage());
            engine.closeConnection(new ErrorCondition(AmqpError.UNAUTHORIZED_ACCESS, "anonymous login refused: " + e.getMessage()));
            return;
        }
        if (user == null) {
            engine.closeConnection(new ErrorCondition(AmqpError.UNAUTHORIZED_ACCESS, "not authenticated"));
            return;
        }
        String hostname = c.getRemoteHostname();
        String vhostName = hostname != null && hostname.startsWith(VHOST_PREFIX) ? hostname.substring(VHOST_PREFIX.length())
                : VirtualHosts.DEFAULT;
        vhost = context.vhosts().get(vhostName);
        if (vhost == null) {
            engine.closeConnection(new ErrorCondition(AmqpError.NOT_FOUND, "virtual host '" + vhostName + "' not found"));
            return;
        }
        if (context.limits().userAtLimit(user, context.connections())) {
            engine.closeConnection(new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED, "user connection limit ("
                    + context.limits().maxConnectionsPerUser() + ") is reached for user '" + user + "'"));
            return;
        }
        access = context.accessControl().vhostAccess(user, vhost.name());
        if (access == null) {
            engine.closeConnection(new ErrorCondition(AmqpError.UNAUTHORIZED_ACCESS, "access to vhost '" + vhost.name()
                    + "' refused for user '" + user + "'"));
            return;
        }
        c.open();
        open = true;
        context.connections().add(this);
        context.alarm().listen(alarmListener);
        LOGGER.debug("AMQP 1.0 connection {} from {} opened vhost '{}' as '{}'", id, remoteAddress(), vhost.name(), user);
    }

    private void remoteClose() {
        releaseAll();
        Connection c = engine.connection();
        if (c.getLocalState() != EndpointState.CLOSED) {
            c.close();
        }
    }

    @Override
    public void closed() {
        releaseAll();
        context.connections().remove(this);
        context.alarm().unlisten(alarmListener);
    }

    private void releaseAll() {
        if (!open) {
            return;
        }
        open = false;
        eachLink(LinkHandler::release);
        transactions.rollbackAll(Outcomes::failed);
        if (vhost != null) {
            for (Destination q : List.copyOf(exclusiveQueues)) {
                vhost.deleteQueue(q);
            }
            exclusiveQueues.clear();
        }
    }

    // ---- sessions and links -------------------------------------------------------------------

    private void begin(Session s) {
        s.setIncomingCapacity(sessionIncomingCapacity(context.limits().maxMessageBytes()));
        s.open();
        sessions++;
    }

    private void end(Session s) {
        Link l = engine.connection().linkHead(EnumSet.of(EndpointState.ACTIVE), EnumSet.allOf(EndpointState.class));
        while (l != null) {
            Link next = l.next(EnumSet.of(EndpointState.ACTIVE), EnumSet.allOf(EndpointState.class));
            if (l.getSession() == s && l.getContext() instanceof LinkHandler h) {
                h.release();
                l.close();
            }
            l = next;
        }
        s.close();
        sessions--;
    }

    private void remoteDetach(Link l) {
        if (l.getContext() instanceof LinkHandler h) {
            h.remoteDetached();
        } else {
            l.close();
        }
    }

    private void withHandler(Link l, Consumer<LinkHandler> action) {
        if (l.getContext() instanceof LinkHandler h && l.getLocalState() == EndpointState.ACTIVE) {
            try {
                action.accept(h);
            } catch (RuntimeException e) {
                if (AmqpErrorMapper.unexpected(e)) {
                    throw e;
                }
                closeLink(l, AmqpErrorMapper.map(e));
            }
        }
    }

    /** Closes a link with an error (its handler releases what it holds first). */
    public void closeLink(Link l, ErrorCondition condition) {
        LOGGER.debug("AMQP 1.0 connection {}: closing link '{}': {}", id, l.getName(), condition);
        if (l.getContext() instanceof LinkHandler h) {
            h.release();
        }
        l.setCondition(condition);
        l.close();
    }

    private void eachLink(Consumer<LinkHandler> action) {
        Link l = engine.connection().linkHead(EnumSet.of(EndpointState.ACTIVE), EnumSet.allOf(EndpointState.class));
        while (l != null) {
            Link next = l.next(EnumSet.of(EndpointState.ACTIVE), EnumSet.allOf(EndpointState.class));
            if (l.getContext() instanceof LinkHandler h) {
                action.accept(h);
            }
            l = next;
        }
    }

    // ---- for the links ------------------------------------------------------------------------

    public ProtonHandler engine() {
        return engine;
    }

    /** Runs on the event loop, then writes what it produced. */
    public void engineExecute(Runnable task) {
        engine.execute(task);
    }

    public AmqpContext context() {
        return context;
    }

    public VirtualHost vhostRef() {
        return vhost;
    }

    /** The user's permissions in this connection's virtual host. */
    public VhostAccess access() {
        return access;
    }

    /** This connection's {@code /management} node. */
    public ManagementNode management() {
        return management;
    }

    public Transactions transactions() {
        return transactions;
    }

    public boolean isOpen() {
        return open;
    }

    /** A queue exclusive to this connection (a dynamic node): deleted when the connection closes. */
    public void exclusiveQueueDeclared(Destination q) {
        exclusiveQueues.add(q);
    }

    public void exclusiveQueueDeleted(Destination q) {
        exclusiveQueues.remove(q);
    }

    public void countPublished() {
        published++;
    }

    public void countDelivered() {
        delivered++;
    }

    private final long connectedAt = System.currentTimeMillis();

    // ---- AmqpConnectionInfo -------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public SocketAddress remoteAddress() {
        return engine.channelContext().channel().remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return engine.channelContext().channel().localAddress();
    }

    @Override
    public long connectedAtMillis() {
        return connectedAt;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String vhost() {
        return vhost == null ? null : vhost.name();
    }

    @Override
    public String protocol() {
        return "AMQP 1.0";
    }

    @Override
    public Map<String, Object> clientProperties() {
        return new LinkedHashMap<>(clientProperties);
    }

    @Override
    public int channelCount() {
        return sessions;
    }

    @Override
    public long publishedMessages() {
        return published;
    }

    @Override
    public long deliveredMessages() {
        return delivered;
    }

    @Override
    public void forceClose(String reason) {
        engineExecute(() -> engine.closeConnection(new ErrorCondition(Symbol.valueOf("amqp:connection:forced"), reason)));
    }
}
