package io.tributary.server.remote;

import io.tributary.config.BrokerConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * This node's links to the other nodes ({@link NodeLink}, one per node and virtual host), the
 * credentials they log in with (the internal user) and the threads they block on.
 */
public final class PeerLinks implements AutoCloseable {
    private final int self;
    private final AmqpEndpoints endpoints;
    private final String user;
    private final Supplier<String> password;
    private final ExecutorService pool;
    private final SSLContext tls;
    private final Map<String, NodeLink> links = new ConcurrentHashMap<>();

    /** Links of node {@code self} with the AMQP listener's TLS when {@code amqp.ssl.enabled} ({@link LinkTls}). */
    public PeerLinks(int self, AmqpEndpoints endpoints, String user, Supplier<String> password, BrokerConfig config) {
        this(self, endpoints, user, password, LinkTls.of(config));
    }

    PeerLinks(int self, AmqpEndpoints endpoints, String user, Supplier<String> password, SSLContext tls) {
        this.self = self;
        this.tls = tls;
        this.endpoints = endpoints;
        this.user = user;
        this.password = password;
        AtomicInteger ids = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "remote-queue-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    NodeLink link(int node, String vhost) {
        return links.computeIfAbsent(node + "/" + vhost, k -> new NodeLink(node, vhost, this, pool));
    }

    int self() {
        return self;
    }

    AmqpEndpoints endpoints() {
        return endpoints;
    }

    String user() {
        return user;
    }

    String password() {
        return password.get();
    }

    /** The TLS the links speak, or null for plain AMQP. */
    SSLContext tls() {
        return tls;
    }

    ExecutorService pool() {
        return pool;
    }

    @Override
    public void close() {
        links.values().forEach(NodeLink::close);
        pool.shutdown();
    }
}
