package io.tributary.amqp.v091.session;

import io.tributary.amqp.v091.codec.BasicMethods;
import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.amqp.v091.codec.Frame;
import io.tributary.amqp.v091.codec.NoArgs;
import io.tributary.amqp.v091.error.ChannelException;
import io.tributary.amqp.v091.error.ChannelReplyCode;
import io.tributary.amqp.v091.error.ConnectionException;
import io.tributary.amqp.v091.error.ConnectionReplyCode;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.Exchange;
import io.tributary.exchanges.RoutedDestinations;
import io.tributary.exchanges.Router;
import io.tributary.exchanges.error.AccessRefusedException;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import io.tributary.exchanges.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A channel's publishing side: assembles {@code basic.publish} + header + body frames into a
 * {@link Message}, routes it, hands it to its destinations, returns unroutable mandatory messages,
 * and issues publisher confirms or buffers the publish inside a transaction.
 *
 * <p>Confirms: destinations that accept at once (transient messages) are confirmed at the end of
 * the read burst with one {@code basic.ack(multiple)}; a destination that answers later (fsync)
 * holds back the multiple-ack at its sequence number until it completes.
 */
final class Publisher {
    private static final String REPLY_TO_NOT_FOUND = "fast reply consumer does not exist";
    private static final long QUIET_AFTER_FRUITLESS_CATCH_UP_NANOS = 1_000_000_000L;

    private final Amqp091Channel channel;
    private final RoutedDestinations routed = new RoutedDestinations();
    // content being assembled
    private BasicMethods.Publish pending;
    private boolean headerSeen;
    private byte[] properties;
    private byte[] body;
    private int bodyPos;
    // confirms
    private boolean confirm;
    private long seq;
    private long ackedUpTo;
    private final TreeSet<Long> outstanding = new TreeSet<>();
    /** Refused publishes (a full queue with reject-publish, a failed store) not yet nacked. */
    private final TreeSet<Long> nacked = new TreeSet<>();
    // transactions
    private boolean tx;
    /** Until then, publishes to unknown queues do not wait for a catch-up (see {@link #mayBeDeclaredElsewhere}). */
    private long catchUpsQuietUntil = System.nanoTime();
    private final List<Runnable> txPublishes = new ArrayList<>();
    /** While a tx.commit routes its publishes: the destinations' durability futures to wait for. */
    private List<CompletableFuture<Void>> txWaits;

    Publisher(Amqp091Channel channel) {
        this.channel = channel;
    }

    boolean expectingContent() {
        return pending != null;
    }

    BasicMethods.Publish pendingMethod() {
        return pending;
    }

    boolean confirming() {
        return confirm;
    }

    boolean inTx() {
        return tx;
    }

    void publish(BasicMethods.Publish m) {
        if (m.immediate()) {
            throw new ConnectionException(ConnectionReplyCode.NOT_IMPLEMENTED, "immediate=true");
        }
        pending = m;
        headerSeen = false;
    }

    void content(Frame f) {
        if (pending == null) {
            Amqp091Connection.releaseBody(f);
            throw new ConnectionException(ConnectionReplyCode.UNEXPECTED_FRAME, "content frame without basic.publish");
        }
        if (f instanceof Frame.HeaderFrame h) {
            if (headerSeen) {
                throw new ConnectionException(ConnectionReplyCode.UNEXPECTED_FRAME, "second content header");
            }
            long max = channel.connection().context().limits().maxMessageBytes();
            if (h.bodySize() > max) {
                pending = null;
                throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "message size " + h.bodySize()
                        + " is larger than configured max size " + max);
            }
            headerSeen = true;
            properties = h.properties();
            body = new byte[(int) h.bodySize()];
            bodyPos = 0;
            if (h.bodySize() == 0) {
                complete();
            }
        } else if (f instanceof Frame.BodyFrame b) {
            try {
                if (!headerSeen) {
                    throw new ConnectionException(ConnectionReplyCode.UNEXPECTED_FRAME, "content body before content header");
                }
                int n = b.content().readableBytes();
                if (bodyPos + n > body.length) {
                    throw new ConnectionException(ConnectionReplyCode.FRAME_ERROR, "content body exceeds the size in its header");
                }
                b.content().readBytes(body, bodyPos, n);
                bodyPos += n;
            } finally {
                b.content().release();
            }
            if (bodyPos == body.length) {
                complete();
            }
        } else {
            Amqp091Connection.releaseBody(f);
            throw new ConnectionException(ConnectionReplyCode.UNEXPECTED_FRAME, "unexpected frame during content");
        }
    }

    private void complete() {
        BasicMethods.Publish m = pending;
        pending = null;
        Message msg = new Message(BasicProperties.FORMAT, properties, body, m.exchange(), m.routingKey(), System.currentTimeMillis());
        properties = null;
        body = null;
        channel.connection().publishing();
        VirtualHost vh = channel.connection().vhostRef();
        if (mayBeDeclaredElsewhere(vh, m)) {
            Message later = msg;
            channel.await(channel.connection().context().catchUpDefinitions(), m, v -> {
                if (unknownQueue(vh, m)) {
                    catchUpsQuietUntil = System.nanoTime() + QUIET_AFTER_FRUITLESS_CATCH_UP_NANOS;
                }
                publish(vh, m, later);
            });
            return;
        }
        publish(vh, m, msg);
    }

    /**
     * In a cluster, whether a publish names what another node may have declared a moment ago and
     * this node not yet followed: an unknown exchange (the channel would close), or a queue unknown
     * to the default exchange (the message would be dropped or returned). Then it waits for a
     * catch-up; after one that found nothing, queues go unchecked for a second, so that a publisher
     * to a queue that does not exist is not slowed to one catch-up per message.
     */
    private boolean mayBeDeclaredElsewhere(VirtualHost vh, BasicMethods.Publish m) {
        if (!channel.connection().context().followsOtherNodes()) {
            return false;
        }
        if (vh.exchange(m.exchange()) == null) {
            return true;
        }
        return unknownQueue(vh, m) && System.nanoTime() - catchUpsQuietUntil > 0;
    }

    private static boolean unknownQueue(VirtualHost vh, BasicMethods.Publish m) {
        return m.exchange().isEmpty() && !m.routingKey().startsWith(DirectReplyTo.PREFIX) && vh.destination(m.routingKey()) == null;
    }

    private void publish(VirtualHost vh, BasicMethods.Publish m, Message published) {
        Message msg = published;
        Exchange ex = vh.requireExchange(m.exchange());
        if (ex.internal()) {
            throw new AccessRefusedException("cannot publish to internal exchange '" + m.exchange() + "' in vhost '" + vh.name() + "'");
        }
        checkExpiration(msg);
        msg = withDirectReplyTo(msg);
        // routed by what arrived; delivered as first published when another node forwarded it
        Message delivered = ex.isDefault() && channel.connection().context().forwards(channel.connection().user()) ? Forwarded.original(msg) : msg;
        long mySeq = confirm ? ++seq : 0;
        if (tx) {
            Message toRoute = msg;
            txPublishes.add(() -> route(vh, ex, toRoute, delivered, m.mandatory(), 0));
            return;
        }
        route(vh, ex, msg, delivered, m.mandatory(), mySeq);
    }

    /** RabbitMQ refuses an {@code expiration} that is not a non-negative integer (406), with its words. */
    private static void checkExpiration(Message msg) {
        byte[] p = msg.encodedProperties();
        if (p.length < 2 || (p[0] & 0x01) == 0) {
            return;
        }
        String e = msg.properties().expiration();
        int i = 0;
        boolean negative = e.startsWith("-");
        int start = negative || e.startsWith("+") ? 1 : 0;
        for (i = start; i < e.length() && Character.isDigit(e.charAt(i)); i++) {
            // digits of the integer part
        }
        String why;
        if (i == start) {
            why = "no_integer";
        } else if (i < e.length()) {
            why = "{leftover_string,\"" + e.substring(i) + "\"}";
        } else if (negative) {
            why = "{value_negative," + e + "}";
        } else {
            return;
        }
        throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "invalid expiration '" + e + "': " + why);
    }

    /** Rewrites reply-to {@code amq.rabbitmq.reply-to} to this channel's reply address. */
    private Message withDirectReplyTo(Message msg) {
        byte[] p = msg.encodedProperties();
        boolean hasReplyTo = p.length >= 2 && (p[0] & 0x02) != 0;
        if (!hasReplyTo) {
            return msg;
        }
        MessageProperties props = msg.properties();
        if (!DirectReplyTo.PSEUDO_QUEUE.equals(props.replyTo())) {
            return msg;
        }
        String address = channel.deliveries().replyAddress();
        if (address == null) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, REPLY_TO_NOT_FOUND);
        }
        return msg.withProperties(props.withReplyTo(address));
    }

    private void route(VirtualHost vh, Exchange ex, Message msg, Message delivered, boolean mandatory, long mySeq) {
        if (ex.isDefault() && msg.routingKey().startsWith(DirectReplyTo.PREFIX)) {
            DirectReplyTo.ReplyTarget target = channel.connection().context().directReplyTo().lookup(msg.routingKey());
            if (target != null) {
                target.deliverReply(msg);
            } else if (mandatory) {
                returnUnroutable(msg);
            }
            return;
        }
        Router.route(vh, ex, msg, routed);
        if (routed.isEmpty()) {
            if (mandatory) {
                returnUnroutable(msg);
            }
            return;
        }
        List<CompletableFuture<Void>> later = null;
        for (int i = 0; i < routed.size(); i++) {
            Destination d = routed.get(i);
            CompletableFuture<Void> f = d.accept(delivered);
            if (d.congested()) {
                channel.connection().throttle(d);
            }
            if (txWaits != null && f != Destination.ACCEPTED && !f.isDone()) {
                txWaits.add(f.exceptionally(e -> null));
            }
            if (mySeq != 0 && f != Destination.ACCEPTED && !(f.isDone() && !f.isCompletedExceptionally())) {
                if (later == null) {
                    later = new ArrayList<>(routed.size());
                }
                later.add(f);
            }
        }
        if (later != null) {
            awaitConfirm(mySeq, CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)));
        }
    }

    private void returnUnroutable(Message msg) {
        channel.sendContent(new BasicMethods.Return(ChannelReplyCode.NO_ROUTE.code(), "NO_ROUTE", msg.exchange(), msg.routingKey()),
                msg.encodedProperties(), msg.bodyArray());
    }

    private void awaitConfirm(long mySeq, CompletableFuture<Void> all) {
        outstanding.add(mySeq);
        all.whenComplete((v, e) -> channel.connection().runOnLoop(() -> {
            outstanding.remove(mySeq);
            if (!channel.isOpen()) {
                return;
            }
            if (e != null) {
                nacked.add(mySeq);
            }
            flushConfirms();
        }));
    }

    /**
     * Sends one multiple-ack for every confirmed sequence number not yet acknowledged, and a nack
     * for each refused one, in sequence order: an ack never covers a refused publish.
     */
    void flushConfirms() {
        if (!confirm) {
            return;
        }
        long upTo = outstanding.isEmpty() ? seq : outstanding.first() - 1;
        while (!nacked.isEmpty() && nacked.first() <= upTo) {
            long n = nacked.pollFirst();
            if (n - 1 > ackedUpTo) {
                channel.send(new BasicMethods.Ack(n - 1, n - 1 - ackedUpTo > 1));
            }
            channel.send(new BasicMethods.Nack(false, n, false, false));
            ackedUpTo = n;
        }
        if (upTo > ackedUpTo) {
            channel.send(new BasicMethods.Ack(upTo, upTo - ackedUpTo > 1));
            ackedUpTo = upTo;
        }
    }

    void confirmSelect(BasicMethods.ConfirmSelect m) {
        if (tx) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "cannot switch from tx to confirm mode");
        }
        confirm = true;
        if (!m.noWait()) {
            channel.send(NoArgs.CONFIRM_SELECT_OK);
        }
    }

    void txSelect() {
        if (confirm) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "cannot switch from confirm to tx mode");
        }
        tx = true;
        channel.send(NoArgs.TX_SELECT_OK);
    }

    /** Routes the transaction's publishes; commit-ok waits until persistent ones are fsynced in durable queues. */
    void txCommit(io.tributary.amqp.v091.codec.Method commit) {
        requireTx();
        List<Runnable> publishes = List.copyOf(txPublishes);
        txPublishes.clear();
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        txWaits = waits;
        try {
            publishes.forEach(Runnable::run);
        } finally {
            txWaits = null;
        }
        channel.deliveries().commit();
        if (waits.isEmpty()) {
            channel.send(NoArgs.TX_COMMIT_OK);
        } else {
            channel.await(CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)), commit,
                    v -> channel.send(NoArgs.TX_COMMIT_OK));
        }
    }

    void txRollback() {
        requireTx();
        txPublishes.clear();
        channel.deliveries().rollback();
        channel.send(NoArgs.TX_ROLLBACK_OK);
    }

    private void requireTx() {
        if (!tx) {
            throw new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, "channel is not transactional");
        }
    }

    void release() {
        pending = null;
        properties = null;
        body = null;
        txPublishes.clear();
    }
}
