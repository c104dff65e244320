package io.tributary.amqp;

import io.tributary.amqp.auth.AccessControl;
import io.tributary.amqp.auth.Authenticator;
import io.tributary.amqp.v091.session.DirectReplyTo;
import io.tributary.exchanges.DestinationFactory;
import io.tributary.exchanges.vhost.VirtualHosts;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the AMQP layers need from the broker, supplied by the server: the virtual hosts, how to make
 * a declared queue, how to authenticate, and the limits from configuration. Shared by every
 * connection; thread-safe.
 */
public final class AmqpContext {
    private final VirtualHosts vhosts;
    private final DestinationFactory destinations;
    private final Authenticator authenticator;
    private final AccessControl accessControl;
    private final AmqpLimits limits;
    private final String productVersion;
    private final DirectReplyTo directReplyTo = new DirectReplyTo();
    private final Set<AmqpConnectionInfo> connections = ConcurrentHashMap.newKeySet();
    private final ResourceAlarm alarm;
    /** The user other nodes of a cluster forward publishes as (their envelope travels in a header); null alone. */
    private volatile String forwardingUser;
    /** In a cluster: catches this node up with definitions made on others; null alone. */
    private volatile Supplier<CompletableFuture<Void>> definitionsCatchUp;

    public AmqpContext(VirtualHosts vhosts, DestinationFactory destinations, Authenticator authenticator, AmqpLimits limits,
                       String productVersion) {
        this(vhosts, destinations, authenticator, AccessControl.ALLOW_ALL, new ResourceAlarm(), limits, productVersion);
    }

    /** @param alarm the broker-wide resource alarm (shared with the other protocols) */
    public AmqpContext(VirtualHosts vhosts, DestinationFactory destinations, Authenticator authenticator, AccessControl accessControl,
                       ResourceAlarm alarm, AmqpLimits limits, String productVersion) {
        this.alarm = alarm;
        this.vhosts = vhosts;
        this.destinations = destinations;
        this.authenticator = authenticator;
        this.accessControl = accessControl;
        this.limits = limits;
        this.productVersion = productVersion;
    }

    /** In a cluster: publishes of {@code user} may carry the exchange and routing key they were first published with. */
    public void trustForwarding(String user) {
        this.forwardingUser = user;
    }

    /**
     * In a cluster: how this node catches up with queues, exchanges and bindings just declared on
     * other nodes, before it answers that one does not exist (RabbitMQ's declarations are visible on
     * every node once declare-ok is sent; here other nodes follow them a moment later).
     */
    public void catchUpDefinitionsWith(Supplier<CompletableFuture<Void>> catchUp) {
        this.definitionsCatchUp = catchUp;
    }

    /** True in a cluster whose nodes follow each other's declarations. */
    public boolean followsOtherNodes() {
        return definitionsCatchUp != null;
    }

    /** A future completed once this node follows what other nodes declared before the call; null on a single node. */
    public CompletableFuture<Void> catchUpDefinitions() {
        Supplier<CompletableFuture<Void>> c = definitionsCatchUp;
        return c == null ? null : c.get();
    }

    public boolean forwards(String user) {
        return user != null && user.equals(forwardingUser);
    }

    public VirtualHosts vhosts() {
        return vhosts;
    }

    public DestinationFactory destinations() {
        return destinations;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Virtual-host permissions of authenticated users. */
    public AccessControl accessControl() {
        return accessControl;
    }

    public AmqpLimits limits() {
        return limits;
    }

    public String productVersion() {
        return productVersion;
    }

    public DirectReplyTo directReplyTo() {
        return directReplyTo;
    }

    /** The open connections, for management and shutdown. */
    public Set<AmqpConnectionInfo> connections() {
        return connections;
    }

    /** The resource alarm (memory, disk): while raised, publishing connections are blocked. */
    public ResourceAlarm alarm() {
        return alarm;
    }
}
