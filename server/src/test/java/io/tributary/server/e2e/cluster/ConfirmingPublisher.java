package io.tributary.server.e2e.cluster;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.server.testing.history.QueueHistory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An {@code amqp-client} publisher with publisher confirms for a failover test: persistent
 * messages {@code "<name>-<seq>"} to one queue at a fixed rate with at most {@code window}
 * unconfirmed, recorded in a {@link QueueHistory} as published and, when the broker confirms them,
 * confirmed. When its connection fails it reconnects to the next node (messages unconfirmed then
 * stay "unknown"). Confirm times go to {@code times} (slot 0).
 */
final class ConfirmingPublisher implements AutoCloseable {
    private final String name;
    private final String queue;
    private final List<Integer> amqpPorts;
    private final int rate;
    private final int window;
    private final QueueHistory history;
    private final AckTimes times;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int reconnects;

    ConfirmingPublisher(String name, String queue, List<Integer> amqpPorts, int rate, int window, QueueHistory history, AckTimes times) {
        this.name = name;
        this.queue = queue;
        this.amqpPorts = amqpPorts;
        this.rate = rate;
        this.window = window;
        this.history = history;
        this.times = times;
        this.thread = new Thread(this::run, "publisher-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    int reconnects() {
        return reconnects;
    }

    private void run() {
        long seq = 0;
        int node = 0;
        AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        while (!stopping) {
            ConcurrentNavigableMap<Long, String> unconfirmed = new ConcurrentSkipListMap<>();
            try (Connection conn = connect(amqpPorts.get(node), name)) {
                Channel ch = conn.createChannel();
                ch.confirmSelect();
                ch.addConfirmListener((tag, multiple) -> settle(unconfirmed, tag, multiple, true),
                        (tag, multiple) -> settle(unconfirmed, tag, multiple, false));
                long next = System.nanoTime();
                while (!stopping) {
                    if (unconfirmed.size() >= window) {
                        if (!ch.isOpen()) {
                            // the node went away (or froze: the heartbeat timed out) with the window full
                            throw new java.io.IOException("connection closed with " + unconfirmed.size() + " unconfirmed");
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                        continue;
                    }
                    String body = name + "-" + seq++;
                    history.published(body);
                    unconfirmed.put(ch.getNextPublishSeqNo(), body);
                    ch.basicPublish("", queue, persistent, body.getBytes(StandardCharsets.UTF_8));
                    next += intervalNanos;
                    long ahead = next - System.nanoTime();
                    if (ahead > 0) {
                        LockSupport.parkNanos(ahead);
                    } else if (ahead < -TimeUnit.SECONDS.toNanos(1)) {
                        next = System.nanoTime(); // behind after an outage: resume the rate, do not burst
                    }
                }
                ch.waitForConfirms(10_000);
            } catch (Exception e) {
                if (!stopping) {
                    reconnects++;
                    node = (node + 1) % amqpPorts.size();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // backoff before the next node
                }
            }
        }
    }

    private void settle(ConcurrentNavigableMap<Long, String> unconfirmed, long tag, boolean multiple, boolean ack) {
        ConcurrentNavigableMap<Long, String> done = multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
        if (ack) {
            done.values().forEach(history::confirmed);
            times.add(0, System.nanoTime());
        }
        done.clear();
    }

    static Connection connect(int port, String name) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(port);
        f.setAutomaticRecoveryEnabled(false);
        f.setRequestedHeartbeat(2);
        f.setConnectionTimeout(3_000);
        f.setHandshakeTimeout(5_000);
        return f.newConnection(name);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(30_000);
    }
}
