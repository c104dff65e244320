package io.tributary.amqp.v091.access;

import io.netty.util.collection.IntObjectHashMap;
import io.tributary.amqp.auth.VhostAccess;
import io.tributary.amqp.auth.VhostAccess.Kind;
import io.tributary.amqp.v091.codec.BasicMethods;
import io.tributary.amqp.v091.codec.ChannelMethods;
import io.tributary.amqp.v091.codec.ExchangeMethods;
import io.tributary.amqp.v091.codec.Method;
import io.tributary.amqp.v091.codec.QueueMethods;
import java.util.Map;

/**
 * Checks each method a connection receives against its user's permissions, by the table of
 * RabbitMQ's access-control guide:
 *
 * <pre>
 * method                      configure        write               read
 * exchange.declare            exchange                                            (passive: none)
 *   with alternate-exchange   exchange         alternate exchange  exchange
 * exchange.delete             exchange
 * queue.declare               queue                                               (passive: none)
 *   with dead-letter exchange queue            dead-letter exch.   queue
 * queue.delete                queue
 * exchange.bind / unbind                       destination         source
 * queue.bind / unbind                          queue               exchange
 * basic.publish                                exchange ("" = amq.default)
 * basic.get / consume                                              queue
 * queue.purge                                                      queue
 * </pre>
 *
 * A method that leaves the queue name empty means the channel's last declared queue, which is
 * tracked here from the declares and their declare-ok. A server-named queue is checked before its
 * name exists, under a name of the form the broker generates ({@code amq.gen-…}). A refusal is an
 * {@code AccessRefusedException}: 403 ACCESS_REFUSED closing the channel. Event-loop confined.
 */
public final class Amqp091Permissions {
    private static final String SERVER_NAMED = "amq.gen-AAAAAAAAAAAAAAAAAAAAAA";
    private static final String REPLY_TO = "amq.rabbitmq.reply-to";

    private final VhostAccess access;
    private final IntObjectHashMap<String> lastQueue = new IntObjectHashMap<>();

    public Amqp091Permissions(VhostAccess access) {
        this.access = access;
    }

    /** @throws io.tributary.exchanges.error.AccessRefusedException when {@code m} is not allowed */
    public void check(int channel, Method m) {
        if (m instanceof BasicMethods.Publish p) {
            access.write(Kind.EXCHANGE, p.exchange());
        } else if (m instanceof BasicMethods.Consume c) {
            readQueue(channel, c.queue());
        } else if (m instanceof BasicMethods.Get g) {
            readQueue(channel, g.queue());
        } else if (m instanceof QueueMethods.Declare d) {
            declareQueue(channel, d);
        } else if (m instanceof QueueMethods.Bind b) {
            access.write(Kind.QUEUE, queue(channel, b.queue()));
            access.read(Kind.EXCHANGE, b.exchange());
        } else if (m instanceof QueueMethods.Purge p) {
            access.read(Kind.QUEUE, queue(channel, p.queue()));
        } else if (m instanceof QueueMethods.Delete d) {
            access.configure(Kind.QUEUE, queue(channel, d.queue()));
        } else if (m instanceof ExchangeMethods.Declare d) {
            declareExchange(d);
        } else if (m instanceof ExchangeMethods.Delete d) {
            access.configure(Kind.EXCHANGE, d.exchange());
        } else if (m instanceof ExchangeMethods.Bind b) {
            access.write(Kind.EXCHANGE, b.destination());
            access.read(Kind.EXCHANGE, b.source());
        } else if (m instanceof ChannelMethods.Open) {
            lastQueue.remove(channel);
        }
    }

    /** Notes the queue a declare-ok named: the channel's last declared queue. */
    public void declared(int channel, String queue) {
        lastQueue.put(channel, queue);
    }

    private void readQueue(int channel, String queue) {
        if (queue.startsWith(REPLY_TO)) {
            return;
        }
        access.read(Kind.QUEUE, queue(channel, queue));
    }

    private void declareQueue(int channel, QueueMethods.Declare d) {
        if (d.passive()) {
            if (!d.queue().isEmpty()) {
                lastQueue.put(channel, d.queue());
            }
            return;
        }
        String name = d.queue().isEmpty() ? SERVER_NAMED : d.queue();
        access.configure(Kind.QUEUE, name);
        Object dlx = d.arguments().get("x-dead-letter-exchange");
        if (dlx != null) {
            access.write(Kind.EXCHANGE, String.valueOf(dlx));
            access.read(Kind.QUEUE, name);
        }
        if (!d.queue().isEmpty()) {
            lastQueue.put(channel, d.queue());
        }
    }

    private void declareExchange(ExchangeMethods.Declare d) {
        if (d.passive()) {
            return;
        }
        access.configure(Kind.EXCHANGE, d.exchange());
        Map<String, Object> args = d.arguments();
        Object ae = args.get("alternate-exchange");
        if (ae != null) {
            access.write(Kind.EXCHANGE, String.valueOf(ae));
            access.read(Kind.EXCHANGE, d.exchange());
        }
    }

    /** An empty name is the channel's last declared queue (unknown: checked as empty, the channel then fails). */
    private String queue(int channel, String name) {
        if (!name.isEmpty()) {
            return name;
        }
        String last = lastQueue.get(channel);
        return last == null ? "" : last;
    }
}
