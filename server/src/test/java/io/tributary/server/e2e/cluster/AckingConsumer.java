package io.tributary.server.e2e.cluster;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.tributary.server.testing.history.QueueHistory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@code amqp-client} consumer for a failover test: manual acks, a prefetch window, each
 * delivery recorded in the {@link QueueHistory} and then acknowledged. When its connection fails it
 * reconnects to the next node; what it held unacknowledged is redelivered by the queue. Delivery
 * times go to {@code times} (slot 1).
 */
final class AckingConsumer implements AutoCloseable {
    private final String queue;
    private final List<Integer> amqpPorts;
    private final QueueHistory history;
    private final AckTimes times;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int reconnects;

    AckingConsumer(String queue, List<Integer> amqpPorts, int firstNode, QueueHistory history, AckTimes times) {
        this.queue = queue;
        this.amqpPorts = amqpPorts;
        this.history = history;
        this.times = times;
        this.thread = new Thread(() -> run(firstNode), "consumer-" + queue);
        thread.setDaemon(true);
        thread.start();
    }

    int reconnects() {
        return reconnects;
    }

    private void run(int firstNode) {
        int node = firstNode;
        while (!stopping) {
            try (Connection conn = ConfirmingPublisher.connect(amqpPorts.get(node), "consumer")) {
                CountDownLatch closed = new CountDownLatch(1);
                conn.addShutdownListener(cause -> closed.countDown());
                Channel ch = conn.createChannel();
                ch.basicQos(200);
                ch.basicConsume(queue, false, (tag, d) -> {
                    history.delivered(new String(d.getBody(), StandardCharsets.UTF_8));
                    times.add(1, System.nanoTime());
                    ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                }, tag -> closed.countDown());
                while (!stopping && !closed.await(100, TimeUnit.MILLISECONDS)) {
                    // deliveries arrive on the client's thread
                }
                if (!stopping) {
                    throw new IllegalStateException("connection or consumer closed");
                }
            } catch (Exception e) {
                if (!stopping) {
                    reconnects++;
                    node = (node + 1) % amqpPorts.size();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // backoff before the next node
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(30_000);
    }
}
