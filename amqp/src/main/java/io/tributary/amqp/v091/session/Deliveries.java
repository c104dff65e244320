package io.tributary.amqp.v091.session;

import io.tributary.amqp.v091.codec.BasicMethods;
import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.amqp.v091.codec.Method;
import io.tributary.amqp.v091.codec.NoArgs;
import io.tributary.amqp.v091.error.ChannelException;
import io.tributary.amqp.v091.error.ChannelReplyCode;
import io.tributary.amqp.v091.error.ConnectionException;
import io.tributary.amqp.v091.error.ConnectionReplyCode;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.exchanges.stream.StreamMessage;
import io.tributary.exchanges.stream.StreamSource;
import io.tributary.queues.ConsumableQueue;
import io.tributary.queues.store.QueueEntry;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel's consuming side: consumers, prefetch (per consumer and per channel), delivery tags,
 * the unacked deliveries in tag order, ack/nack/reject/recover, basic.get and the direct reply-to
 * consumer. Confined to the connection's loop, except the credit counters read by queue actors.
 */
final class Deliveries {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A delivery awaiting settlement; {@code consumer} is null for basic.get; {@code stream} is set
     * (and {@code queue} null) for a delivery from a stream, at {@code offset} of {@code partition}.
     */
    private record Unacked(long tag, ConsumableQueue queue, QueueEntry entry, AmqpConsumer consumer, StreamConsumer stream, int partition,
            long offset) {
        Unacked(long tag, ConsumableQueue queue, QueueEntry entry, AmqpConsumer consumer) {
            this(tag, queue, entry, consumer, null, -1, -1);
        }
    }

    /** What to do with settled deliveries. */
    private enum Settle { ACK, REQUEUE, DISCARD }

    private final Amqp091Channel channel;
    private final Map<String, AmqpConsumer> consumers = new LinkedHashMap<>();
    private final Map<String, StreamConsumer> streamConsumers = new LinkedHashMap<>();
    private final ArrayDeque<Unacked> unacked = new ArrayDeque<>();
    private final AtomicInteger globalInFlight = new AtomicInteger();
    private final List<Method> txSettlements = new ArrayList<>();
    private volatile int globalPrefetch;
    private int consumerPrefetch;
    private long nextTag = 1;
    private String replyAddress;
    private String replyTag;

    Deliveries(Amqp091Channel channel) {
        this.channel = channel;
    }

    Amqp091Connection connection() {
        return channel.connection();
    }

    boolean canDeliver() {
        return channel.canDeliver();
    }

    int globalPrefetch() {
        return globalPrefetch;
    }

    AtomicInteger globalInFlight() {
        return globalInFlight;
    }

    int consumerPrefetch() {
        return consumerPrefetch;
    }

    int unackedCount() {
        return unacked.size();
    }

    /** The channel's consumers, for management. */
    List<io.tributary.amqp.AmqpChannelInfo.Consumer> consumerInfos() {
        List<io.tributary.amqp.AmqpChannelInfo.Consumer> out = new ArrayList<>();
        for (AmqpConsumer c : consumers.values()) {
            out.add(new io.tributary.amqp.AmqpChannelInfo.Consumer(c.tag(), c.queue().name(), c.ackRequired(), c.exclusive(), c.prefetch()));
        }
        for (StreamConsumer c : streamConsumers.values()) {
            out.add(new io.tributary.amqp.AmqpChannelInfo.Consumer(c.tag(), c.streamName(), true, false, c.prefetch()));
        }
        return out;
    }

    String replyAddress() {
        return replyAddress;
    }

    // ---- qos, consume, cancel ----

    void qos(BasicMethods.Qos m) {
        if (m.prefetchSize() != 0) {
            throw new ConnectionException(ConnectionReplyCode.NOT_IMPLEMENTED, "prefetch_size!=0 (" + m.prefetchSize() + ")");
        }
        if (m.global()) {
            globalPrefetch = m.prefetchCount();
            resume();
        } else {
            consumerPrefetch = m.prefetchCount();
        }
        channel.send(NoArgs.BASIC_QOS_OK);
    }

    void consume(BasicMethods.Consume m) {
        String tag = m.consumerTag().isEmpty() ? newTag() : m.consumerTag();
        if (consumers.containsKey(tag) || streamConsumers.containsKey(tag) || tag.equals(replyTag)) {
            throw new ConnectionException(ConnectionReplyCode.NOT_ALLOWED, "attempt to reuse consumer tag '" + tag + "'");
        }
        if (DirectReplyTo.PSEUDO_QUEUE.equals(m.queue())) {
            consumeReplies(m, tag);
            return;
        }
        String name = channel.topology().queueName(m.queue());
        StreamSource stream = channel.topology().stream(name);
        if (stream != null) {
            consumeStream(m, tag, stream);
            return;
        }
        ConsumableQueue q = channel.topology().requireQueue(channel.topology().queueName(m.queue()));
        AmqpConsumer c = new AmqpConsumer(this, q, tag, m.noAck(), consumerPrefetch, m.exclusive());
        consumers.put(tag, c);
        channel.await(q.consume(c, m.exclusive()), m, v -> {
            if (!m.noWait()) {
                channel.send(new BasicMethods.TagOk(21, tag));
            }
        });
    }

    /** A consumer on a stream: acks and a prefetch are required, as RabbitMQ requires them. */
    private void consumeStream(BasicMethods.Consume m, String tag, StreamSource stream) {
        if (m.noAck()) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "PRECONDITION_FAILED - stream consumers require acknowledgements");
        }
        if (consumerPrefetch <= 0) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "PRECONDITION_FAILED - consumer prefetch count is not set for '"
                    + stream.name() + "'");
        }
        StreamConsumer c = new StreamConsumer(this, stream, tag, consumerPrefetch, m.arguments());
        streamConsumers.put(tag, c);
        if (!m.noWait()) {
            channel.send(new BasicMethods.TagOk(21, tag));
        }
        c.pump();
    }

    /** Delivers a stream message with its offset in {@code x-stream-offset}, as RabbitMQ does. */
    void deliverStream(StreamConsumer c, StreamMessage m) {
        long tag = nextTag++;
        unacked.addLast(new Unacked(tag, null, null, null, c, m.partition(), m.offset()));
        Message msg = m.message();
        MessageProperties p = msg.properties();
        Map<String, Object> headers = p.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.headers());
        headers.put(StreamConsumer.OFFSET_ARG, m.offset());
        MessageProperties withOffset = new MessageProperties(p.contentType(), p.contentEncoding(), headers, p.deliveryMode(), p.priority(),
                p.correlationId(), p.replyTo(), p.expiration(), p.messageId(), p.timestamp(), p.type(), p.userId(), p.appId(), p.clusterId());
        channel.sendContent(new BasicMethods.Deliver(c.tag(), tag, false, msg.exchange(), msg.routingKey()),
                BasicProperties.FORMAT.encode(withOffset), msg.bodyArray());
        connection().delivered++;
    }

    /** Reading the stream failed: the consumer stops, and a client that understands is told. */
    void streamFailed(StreamConsumer c, Throwable failure) {
        if (streamConsumers.remove(c.tag(), c)) {
            c.cancel();
            if (connection().consumerCancelNotify() && channel.isOpen()) {
                channel.send(new BasicMethods.Cancel(c.tag(), true));
            }
        }
    }

    private void consumeReplies(BasicMethods.Consume m, String tag) {
        if (!m.noAck()) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "reply consumer cannot acknowledge");
        }
        if (replyTag != null) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "reply consumer already set");
        }
        replyTag = tag;
        replyAddress = connection().context().directReplyTo().register(this::deliverReply);
        if (!m.noWait()) {
            channel.send(new BasicMethods.TagOk(21, tag));
        }
    }

    void cancel(BasicMethods.Cancel m) {
        if (m.consumerTag().equals(replyTag)) {
            stopReplies();
        }
        AmqpConsumer c = consumers.remove(m.consumerTag());
        if (c != null) {
            c.cancelled = true;
            c.queue().cancel(c);
        }
        StreamConsumer s = streamConsumers.remove(m.consumerTag());
        if (s != null) {
            channel.await(s.cancel(), m, v -> {
                if (!m.noWait()) {
                    channel.send(new BasicMethods.TagOk(31, m.consumerTag()));
                }
            });
            return;
        }
        if (!m.noWait()) {
            channel.send(new BasicMethods.TagOk(31, m.consumerTag()));
        }
    }

    private void stopReplies() {
        connection().context().directReplyTo().unregister(replyAddress);
        replyAddress = null;
        replyTag = null;
    }

    /** The queue went away (deleted): forget the consumer and tell a client that understands. */
    void cancelledByQueue(AmqpConsumer c) {
        if (consumers.remove(c.tag(), c)) {
            c.cancelled = true;
            if (connection().consumerCancelNotify() && channel.isOpen()) {
                channel.send(new BasicMethods.Cancel(c.tag(), true));
            }
        }
    }

    private static String newTag() {
        byte[] r = new byte[16];
        RANDOM.nextBytes(r);
        return "amq.ctag-" + Base64.getUrlEncoder().withoutPadding().encodeToString(r);
    }

    // ---- delivering ----

    void deliver(AmqpConsumer c, QueueEntry e, Message msg, boolean redelivered) {
        if (c.cancelled || !channel.isOpen()) {
            if (c.ackRequired()) {
                c.queue().requeue(List.of(e));
            }
            return;
        }
        long tag = nextTag++;
        if (c.ackRequired()) {
            unacked.addLast(new Unacked(tag, c.queue(), e, c));
        }
        channel.sendContent(new BasicMethods.Deliver(c.tag(), tag, redelivered, msg.exchange(), msg.routingKey()),
                BasicProperties.encodedFor(msg), msg.bodyArray());
        connection().delivered++;
    }

    /** A direct reply for this channel's RPC client; called from any thread. */
    void deliverReply(Message reply) {
        connection().runOnLoop(() -> {
            if (replyTag == null || !channel.isOpen()) {
                return;
            }
            channel.sendContent(new BasicMethods.Deliver(replyTag, nextTag++, false, reply.exchange(), reply.routingKey()),
                    BasicProperties.encodedFor(reply), reply.bodyArray());
        });
    }

    void get(BasicMethods.Get m) {
        ConsumableQueue q = channel.topology().requireQueue(channel.topology().queueName(m.queue()));
        channel.await(q.get(!m.noAck()), m, r -> {
            if (r.entry() == null) {
                channel.send(new BasicMethods.GetEmpty());
                return;
            }
            long tag = nextTag++;
            if (!m.noAck()) {
                unacked.addLast(new Unacked(tag, q, r.entry(), null));
            }
            Message msg = r.message();
            channel.sendContent(new BasicMethods.GetOk(tag, r.redelivered(), msg.exchange(), msg.routingKey(), r.messagesLeft()),
                    BasicProperties.encodedFor(msg), msg.bodyArray());
        });
    }

    // ---- settling ----

    void ack(BasicMethods.Ack m) {
        if (inTx()) {
            txSettlements.add(m);
            return;
        }
        settle(m.deliveryTag(), m.multiple(), Settle.ACK);
    }

    void nack(BasicMethods.Nack m) {
        if (inTx()) {
            txSettlements.add(m);
            return;
        }
        settle(m.deliveryTag(), m.multiple(), m.requeue() ? Settle.REQUEUE : Settle.DISCARD);
    }

    void recover(BasicMethods.Recover m) {
        if (!m.requeue()) {
            throw new ConnectionException(ConnectionReplyCode.NOT_IMPLEMENTED, "requeue=false");
        }
        apply(new ArrayList<>(unacked), Settle.REQUEUE);
        unacked.clear();
        if (!m.async()) {
            channel.send(NoArgs.BASIC_RECOVER_OK);
        }
    }

    private boolean inTx() {
        return channel.publisher().inTx();
    }

    void commit() {
        for (Method m : txSettlements) {
            if (m instanceof BasicMethods.Ack a) {
                settle(a.deliveryTag(), a.multiple(), Settle.ACK);
            } else if (m instanceof BasicMethods.Nack n) {
                settle(n.deliveryTag(), n.multiple(), n.requeue() ? Settle.REQUEUE : Settle.DISCARD);
            }
        }
        txSettlements.clear();
    }

    void rollback() {
        txSettlements.clear();
    }

    private void settle(long tag, boolean multiple, Settle how) {
        List<Unacked> taken = take(tag, multiple);
        if (taken.isEmpty() && !(multiple && tag == 0)) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "unknown delivery tag " + tag);
        }
        apply(taken, how);
    }

    private List<Unacked> take(long tag, boolean multiple) {
        List<Unacked> out = new ArrayList<>(multiple ? 8 : 1);
        if (multiple) {
            while (!unacked.isEmpty() && (tag == 0 || unacked.peekFirst().tag() <= tag)) {
                out.add(unacked.pollFirst());
            }
            return out;
        }
        Unacked head = unacked.peekFirst();
        if (head != null && head.tag() == tag) {
            out.add(unacked.pollFirst());
            return out;
        }
        for (Iterator<Unacked> it = unacked.iterator(); it.hasNext();) {
            Unacked u = it.next();
            if (u.tag() == tag) {
                it.remove();
                out.add(u);
                break;
            }
        }
        return out;
    }

    /** Hands settled entries back to their queues, grouped per queue, and returns the credit. */
    private void apply(List<Unacked> settled, Settle how) {
        if (settled.isEmpty()) {
            return;
        }
        Map<ConsumableQueue, List<QueueEntry>> byQueue = new IdentityHashMap<>(2);
        int fromConsumers = 0;
        for (Unacked u : settled) {
            if (u.stream() != null) {
                // Nothing leaves a stream and nothing is redelivered: settling only returns credit.
                u.stream().settled(u.partition(), u.offset());
                continue;
            }
            byQueue.computeIfAbsent(u.queue(), q -> new ArrayList<>()).add(u.entry());
            if (u.consumer() != null) {
                u.consumer().settled(1);
                fromConsumers++;
            }
        }
        for (Map.Entry<ConsumableQueue, List<QueueEntry>> e : byQueue.entrySet()) {
            switch (how) {
                case ACK: e.getKey().ack(e.getValue()); break;
                case REQUEUE: e.getKey().requeue(e.getValue()); break;
                default: e.getKey().reject(e.getValue()); break;
            }
        }
        if (fromConsumers > 0) {
            globalInFlight.addAndGet(-fromConsumers);
            resume();
        }
    }

    /** Wakes every consumer that a full window, flow or a full socket had stopped. */
    void resume() {
        for (AmqpConsumer c : consumers.values()) {
            c.wake();
        }
        for (StreamConsumer c : streamConsumers.values()) {
            c.pump();
        }
    }

    /** Channel closing: cancel consumers, requeue every unacked delivery, stop replies. */
    void release() {
        Map<ConsumableQueue, List<AmqpConsumer>> consumersOf = new IdentityHashMap<>(2);
        for (AmqpConsumer c : consumers.values()) {
            c.cancelled = true;
            consumersOf.computeIfAbsent(c.queue(), q -> new ArrayList<>()).add(c);
        }
        consumers.clear();
        streamConsumers.values().forEach(StreamConsumer::cancel);
        streamConsumers.clear();
        Map<ConsumableQueue, List<QueueEntry>> entriesOf = new IdentityHashMap<>(2);
        for (Unacked u : unacked) {
            if (u.queue() != null) {
                entriesOf.computeIfAbsent(u.queue(), q -> new ArrayList<>()).add(u.entry());
            }
        }
        unacked.clear();
        globalInFlight.set(0);
        // one task per queue: consumers go and their deliveries return together, so a single active
        // consumer's successor gets the returned messages first, in their original order
        for (ConsumableQueue q : consumersOf.keySet()) {
            q.release(List.copyOf(consumersOf.get(q)), entriesOf.getOrDefault(q, List.of()));
        }
        for (Map.Entry<ConsumableQueue, List<QueueEntry>> e : entriesOf.entrySet()) {
            if (!consumersOf.containsKey(e.getKey())) {
                e.getKey().release(List.of(), e.getValue());
            }
        }
        txSettlements.clear();
        if (replyTag != null) {
            stopReplies();
        }
    }
}
