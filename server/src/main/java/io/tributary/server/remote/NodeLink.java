package io.tributary.server.remote;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.exchanges.error.RejectedException;
import io.tributary.exchanges.message.Message;
import io.tributary.queues.actor.SerialExecutor;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's AMQP 0-9-1 connection to one other node's virtual host, opened when first needed and
 * again after it failed. Everything that may block (connecting, publishing, RPCs) runs on the
 * link's own serial executor, never on the caller's thread (often a Netty event loop). Publishes go
 * through one channel in confirm mode: each completes when the home node confirms it (after its
 * own durability rule), fails when it nacks or the channel dies before confirming.
 */
final class NodeLink implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(NodeLink.class);

    /** A blocking call on the open connection. */
    interface Call<T> {
        T on(Connection connection) throws IOException, TimeoutException, InterruptedException;
    }

    private final int node;
    private final String vhost;
    private final PeerLinks peers;
    private final SerialExecutor actor;
    private Connection connection;
    private Publisher publisher;
    private volatile boolean closed;
    /** Publishes forwarded and not yet confirmed (or failed): past {@link #CONGESTED} publishers are slowed. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> uncongested = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Unconfirmed forwarded publishes at which the link asks publishers to wait (AMQP credit flow), and at which it lets them go on. */
    static final int CONGESTED = 20_000;
    static final int UNCONGESTED = 10_000;

    /** The confirm-mode channel and the publishes it has not had confirmed. */
    private static final class Publisher {
        final Channel channel;
        final ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();

        Publisher(Channel channel) {
            this.channel = channel;
        }

        void settle(long seq, boolean multiple, boolean ack) {
            var settled = multiple ? unconfirmed.headMap(seq, true) : unconfirmed.subMap(seq, true, seq, true);
            for (var it = settled.values().iterator(); it.hasNext();) {
                CompletableFuture<Void> f = it.next();
                it.remove();
                if (ack) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(new RejectedException("the queue's home node refused the message"));
                }
            }
        }

        void failAll(Throwable cause) {
            for (var it = unconfirmed.values().iterator(); it.hasNext();) {
                CompletableFuture<Void> f = it.next();
                it.remove();
                f.completeExceptionally(cause);
            }
        }
    }

    NodeLink(int node, String vhost, PeerLinks peers, ExecutorService pool) {
        this.node = node;
        this.vhost = vhost;
        this.peers = peers;
        this.actor = new SerialExecutor(pool);
    }

    int node() {
        return node;
    }

    /** Runs a blocking call on the link's executor with the connection open. */
    <T> CompletableFuture<T> call(Call<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            actor.execute(() -> {
                try {
                    f.complete(call.on(connection()));
                } catch (Exception | Error e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new IOException("node link closed"));
        }
        return f;
    }

    /** Publishes to the home node's queue through its default exchange; completes on its confirm. */
    CompletableFuture<Void> publish(String queue, Message m) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        inFlight.incrementAndGet();
        confirmed.whenComplete((v, e) -> {
            inFlight.decrementAndGet();
            releaseIfUncongested();
        });
        call(c -> {
            Publisher p = publisher(c);
            long seq = p.channel.getNextPublishSeqNo();
            p.unconfirmed.put(seq, confirmed);
            p.channel.basicPublish("", queue, false, AmqpMessages.propertiesOf(m), m.bodyArray());
            return null;
        }).whenComplete((v, e) -> {
            if (e != null) {
                confirmed.completeExceptionally(e);
            }
        });
        return confirmed;
    }

    /** Too many forwarded publishes wait for the home's confirms: publishers routed here should pause. */
    boolean congested() {
        return inFlight.get() >= CONGESTED;
    }

    /** Runs {@code task} once fewer than {@link #UNCONGESTED} publishes wait for confirms (at once if so now). */
    void whenUncongested(Runnable task) {
        uncongested.add(task);
        releaseIfUncongested();
    }

    /** Runs the publishers' waiting tasks once few enough publishes wait for confirms. */
    private void releaseIfUncongested() {
        if (inFlight.get() < UNCONGESTED) {
            for (Runnable r; (r = uncongested.poll()) != null;) {
                r.run();
            }
        }
    }

    private Publisher publisher(Connection c) throws IOException {
        Publisher p = publisher;
        if (p != null && p.channel.isOpen()) {
            return p;
        }
        Channel ch = c.createChannel();
        ch.confirmSelect();
        Publisher fresh = new Publisher(ch);
        ch.addConfirmListener((seq, multiple) -> fresh.settle(seq, multiple, true), (seq, multiple) -> fresh.settle(seq, multiple, false));
        ch.addShutdownListener(cause -> fresh.failAll(cause));
        publisher = fresh;
        return fresh;
    }

    private Connection connection() throws IOException, TimeoutException {
        if (closed) {
            throw new IOException("node link closed");
        }
        Connection c = connection;
        if (c != null && c.isOpen()) {
            return c;
        }
        AmqpEndpoints.Endpoint at = peers.endpoints().of(node);
        if (at == null) {
            throw new IOException("node " + node + " has no AMQP listener registered");
        }
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(at.host());
        f.setPort(at.port());
        f.setVirtualHost(vhost);
        f.setUsername(peers.user());
        f.setPassword(peers.password());
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout(3_000);
        f.setHandshakeTimeout(5_000);
        f.setChannelRpcTimeout(10_000);
        f.setRequestedHeartbeat(5);
        if (peers.tls() != null) {
            f.useSslProtocol(peers.tls());
        }
        c = f.newConnection(peers.pool(), "tributary node " + peers.self() + " → node " + node);
        c.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                LOGGER.info("Connection to node {} (vhost '{}') lost: {}", node, vhost, cause.getMessage());
            }
        });
        connection = c;
        return c;
    }

    @Override
    public void close() {
        closed = true;
        actor.execute(() -> {
            Connection c = connection;
            connection = null;
            if (c != null && c.isOpen()) {
                try {
                    c.close(2_000);
                } catch (IOException | RuntimeException e) {
                    c.abort();
                }
            }
        });
    }
}
