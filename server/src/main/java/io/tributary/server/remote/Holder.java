package io.tributary.server.remote;

import com.rabbitmq.client.Channel;
import io.tributary.queues.actor.SerialExecutor;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel on the home node that holds deliveries this node handed to its clients (a proxied
 * consumer's, or the queue's {@code basic.get} channel): the entries' handles name it, and acks,
 * requeues and rejects go back through it, in order, on its own serial executor.
 */
class Holder {
    private static final Logger LOGGER = LoggerFactory.getLogger(Holder.class);

    /** How a delivery is settled on the home node. */
    enum Settlement { ACK, REQUEUE, REJECT }

    final String key;
    final SerialExecutor actor;
    final AtomicInteger unsettled = new AtomicInteger();
    volatile Channel channel;

    Holder(String key, Executor pool) {
        this.key = key;
        this.actor = new SerialExecutor(pool);
    }

    /** On the actor. */
    void settle(long tag, Settlement how) {
        Channel ch = channel;
        if (ch == null || !ch.isOpen()) {
            return; // the home node took them back when the channel closed
        }
        try {
            switch (how) {
                case ACK:
                    ch.basicAck(tag, false);
                    break;
                case REQUEUE:
                    ch.basicNack(tag, false, true);
                    break;
                default:
                    ch.basicReject(tag, false);
                    break;
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("Could not settle delivery {} on {}: {}", tag, key, e.getMessage());
        }
        unsettled.decrementAndGet();
    }

    /** On the actor: closes the channel; the home node requeues whatever it still holds. */
    void closeChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                LOGGER.debug("Could not close {}: {}", key, e.getMessage());
            }
        }
    }
}
