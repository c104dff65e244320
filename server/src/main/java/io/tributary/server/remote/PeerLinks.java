package io.tributary.server.remote;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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
    private final Map<String, NodeLink> links = new ConcurrentHashMap<>();

    public PeerLinks(int self, AmqpEndpoints endpoints, String user, Supplier<String> password) {
        this.self = self;
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

    ExecutorService pool() {
        return pool;
    }

    @Override
    public void close() {
        links.values().forEach(NodeLink::close);
        pool.shutdown();
    }
}
