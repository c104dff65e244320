package io.tributary.amqp.v091.session;

import io.tributary.amqp.v091.codec.ExchangeMethods;
import io.tributary.amqp.v091.codec.NoArgs;
import io.tributary.amqp.v091.codec.QueueMethods;
import io.tributary.amqp.v091.error.ChannelException;
import io.tributary.amqp.v091.error.ChannelReplyCode;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.DestinationId;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.QueueDefinition;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.error.NotFoundException;
import io.tributary.exchanges.stream.StreamSource;
import io.tributary.exchanges.vhost.VirtualHost;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.QueueStats;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** A channel's {@code exchange.*} and {@code queue.*} methods, with RabbitMQ's naming and access rules. */
final class Topology {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Amqp091Channel channel;
    /** The queue named by the last queue.declare, for methods that leave the queue name empty. */
    private String lastQueue;

    Topology(Amqp091Channel channel) {
        this.channel = channel;
    }

    private VirtualHost vhost() {
        return channel.connection().vhostRef();
    }

    private String connectionId() {
        return channel.connection().id();
    }

    // ---- exchanges ----

    void declareExchange(ExchangeMethods.Declare m) {
        VirtualHost vh = vhost();
        if (m.exchange().isEmpty()) {
            throw new AccessRefusedException("operation not permitted on the default exchange");
        }
        if (m.passive()) {
            vh.requireExchange(m.exchange());
            reply(m.noWait(), NoArgs.EXCHANGE_DECLARE_OK);
            return;
        }
        if (m.exchange().startsWith("amq.") && vh.exchange(m.exchange()) == null) {
            throw new AccessRefusedException("exchange name '" + m.exchange() + "' contains reserved prefix 'amq.*'");
        }
        if (vh.exchange(m.exchange()) == null && channel.againAfterCatchUp(m, () -> declareExchange(m))) {
            return; // declared on another node a moment ago? Follow that first, so that different arguments are refused here too
        }
        ExchangeDefinition def = new ExchangeDefinition(vh.name(), m.exchange(), m.type(), m.durable(), m.autoDelete(),
                m.internal(), m.arguments());
        channel.await(vh.declareExchange(def), m, e -> reply(m.noWait(), NoArgs.EXCHANGE_DECLARE_OK));
    }

    void deleteExchange(ExchangeMethods.Delete m) {
        channel.await(vhost().deleteExchange(m.exchange(), m.ifUnused()), m, v -> reply(m.noWait(), NoArgs.EXCHANGE_DELETE_OK));
    }

    void bindExchange(ExchangeMethods.Bind m) {
        Binding b = new Binding(m.source(), DestinationId.exchange(m.destination()), m.routingKey(), m.arguments());
        CompletableFuture<Void> f = m.unbind() ? vhost().unbind(b) : vhost().bind(b);
        channel.await(f, m, v -> reply(m.noWait(), m.unbind() ? NoArgs.EXCHANGE_UNBIND_OK : NoArgs.EXCHANGE_BIND_OK));
    }

    // ---- queues ----

    void declareQueue(QueueMethods.Declare m) {
        VirtualHost vh = vhost();
        String name = m.queue();
        if (m.passive()) {
            if (name.startsWith(DirectReplyTo.PSEUDO_QUEUE)) {
                if (!name.equals(DirectReplyTo.PSEUDO_QUEUE) && channel.connection().context().directReplyTo().lookup(name) == null) {
                    throw new NotFoundException("no queue '" + name + "' in vhost '" + vh.name() + "'");
                }
                reply(m.noWait(), new QueueMethods.DeclareOk(name, 0, 0));
                return;
            }
            Destination d = vh.requireDestination(queueName(name));
            vh.checkExclusiveAccess(d.definition(), connectionId());
            lastQueue = d.name();
            answerDeclare(m, d);
            return;
        }
        if (name.isEmpty()) {
            byte[] r = new byte[16];
            RANDOM.nextBytes(r);
            name = "amq.gen-" + Base64.getUrlEncoder().withoutPadding().encodeToString(r);
        } else if (name.startsWith("amq.")) {
            throw new AccessRefusedException("queue name '" + name + "' contains reserved prefix 'amq.*'");
        }
        if (!name.startsWith("amq.gen-") && vh.destination(name) == null && channel.againAfterCatchUp(m, () -> declareQueue(m))) {
            // another node may have declared it a moment ago: follow that first, so that this node does
            // not make a second home for it nor miss that the arguments differ
            return;
        }
        QueueDefinition def = new QueueDefinition(vh.name(), name, m.durable(), m.exclusive() ? connectionId() : null,
                m.autoDelete(), m.arguments());
        channel.await(vh.declareQueue(def, channel.connection().context().destinations()), m, d -> {
            if (d instanceof ConsumableQueue q) {
                q.redeclared();
            }
            if (d.definition().exclusive()) {
                channel.connection().exclusiveQueueDeclared(d);
            }
            lastQueue = d.name();
            answerDeclare(m, d);
        });
    }

    private void answerDeclare(QueueMethods.Declare m, Destination d) {
        if (m.noWait()) {
            return;
        }
        if (d instanceof ConsumableQueue q) {
            channel.await(q.stats(), m, (QueueStats s) -> channel.send(new QueueMethods.DeclareOk(d.name(), s.ready(), s.consumers())));
        } else {
            channel.send(new QueueMethods.DeclareOk(d.name(), 0, 0));
        }
    }

    void bindQueue(QueueMethods.Bind m) {
        String q = queueName(m.queue());
        Destination d = vhost().requireDestination(q);
        vhost().checkExclusiveAccess(d.definition(), connectionId());
        Binding b = new Binding(m.exchange(), DestinationId.queue(q), m.routingKey(), m.arguments());
        CompletableFuture<Void> f = m.unbind() ? vhost().unbind(b) : vhost().bind(b);
        channel.await(f, m, v -> reply(m.noWait(), m.unbind() ? NoArgs.QUEUE_UNBIND_OK : NoArgs.QUEUE_BIND_OK));
    }

    void purge(QueueMethods.Purge m) {
        ConsumableQueue q = requireQueue(queueName(m.queue()));
        channel.await(q.purge(), m, n -> reply(m.noWait(), new QueueMethods.CountOk(31, n)));
    }

    void deleteQueue(QueueMethods.Delete m) {
        String name = queueName(m.queue());
        Destination d = vhost().destination(name);
        if (d == null) {
            reply(m.noWait(), new QueueMethods.CountOk(41, 0));
            return;
        }
        vhost().checkExclusiveAccess(d.definition(), connectionId());
        CompletableFuture<Void> check = d instanceof ConsumableQueue q ? q.checkDeletable(m.ifUnused(), m.ifEmpty())
                : CompletableFuture.completedFuture(null);
        channel.await(check, m, v -> channel.await(vhost().deleteQueue(d), m,
                n -> reply(m.noWait(), new QueueMethods.CountOk(41, n))));
    }

    /** The queue a consuming method names, checked for existence, kind and exclusive access. */
    /** The stream of that name, or null when the destination is missing or not a stream. */
    StreamSource stream(String name) {
        return vhost().destination(name) instanceof StreamSource s ? s : null;
    }

    ConsumableQueue requireQueue(String name) {
        Destination d = vhost().requireDestination(name);
        vhost().checkExclusiveAccess(d.definition(), connectionId());
        if (!(d instanceof ConsumableQueue q)) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "queue '" + name + "' in vhost '"
                    + vhost().name() + "' does not support this operation");
        }
        return q;
    }

    /** An empty queue name means the channel's last declared queue. */
    String queueName(String name) {
        if (!name.isEmpty()) {
            return name;
        }
        if (lastQueue == null) {
            throw new NotFoundException("no previously declared queue");
        }
        return lastQueue;
    }

    private void reply(boolean noWait, io.tributary.amqp.v091.codec.Method ok) {
        if (!noWait) {
            channel.send(ok);
        }
    }
}
