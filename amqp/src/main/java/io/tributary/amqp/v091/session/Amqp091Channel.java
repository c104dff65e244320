package io.tributary.amqp.v091.session;

import io.tributary.amqp.v091.codec.BasicMethods;
import io.tributary.amqp.v091.codec.ChannelMethods;
import io.tributary.amqp.v091.codec.ExchangeMethods;
import io.tributary.amqp.v091.codec.Frame;
import io.tributary.amqp.v091.codec.Method;
import io.tributary.amqp.v091.codec.NoArgs;
import io.tributary.amqp.v091.codec.QueueMethods;
import io.tributary.amqp.v091.error.ChannelException;
import io.tributary.amqp.v091.error.ChannelReplyCode;
import io.tributary.amqp.v091.error.ConnectionException;
import io.tributary.amqp.v091.error.ConnectionReplyCode;
import io.tributary.amqp.v091.error.ReplyCodeMapper;
import io.tributary.exchanges.error.NotFoundException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One AMQP 0-9-1 channel: dispatches its methods, in order, to the topology, publishing and
 * delivery handlers. A method whose answer comes from another thread (a queue's actor, the
 * metadata store) makes the channel wait: later frames are held until it completes, so answers
 * leave in request order. Confined to the connection's event loop.
 */
final class Amqp091Channel {
    enum State { OPEN, CLOSING, CLOSED }

    private final Amqp091Connection conn;
    private final int number;
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private final Topology topology;
    private final Publisher publisher;
    private final Deliveries deliveries;
    private volatile State state = State.OPEN;
    private boolean waiting;
    private volatile boolean flowActive = true;
    /** The method being handled again after a catch-up with other nodes: its second answer stands. */
    private Method runningAgain;

    Amqp091Channel(Amqp091Connection conn, int number) {
        this.conn = conn;
        this.number = number;
        this.topology = new Topology(this);
        this.deliveries = new Deliveries(this);
        this.publisher = new Publisher(this);
    }

    void handle(Frame frame) {
        if (state != State.OPEN) {
            Amqp091Connection.releaseBody(frame);
            if (frame instanceof Frame.MethodFrame mf) {
                if (mf.method() == NoArgs.CHANNEL_CLOSE_OK) {
                    state = State.CLOSED;
                    conn.channelClosed(number);
                } else if (mf.method() instanceof ChannelMethods.Close) {
                    send(NoArgs.CHANNEL_CLOSE_OK);
                }
            }
            return;
        }
        if (waiting || !held.isEmpty()) {
            held.add(frame);
            return;
        }
        process(frame);
    }

    private void process(Frame frame) {
        if (frame instanceof Frame.MethodFrame mf) {
            Method m = mf.method();
            try {
                if (publisher.expectingContent()) {
                    throw new ConnectionException(ConnectionReplyCode.UNEXPECTED_FRAME, "expected content header for class 60, got "
                            + m.name());
                }
                dispatch(m);
            } catch (NotFoundException e) {
                if (!lookAgainAfterCatchUp(m)) {
                    conn.fail(e, m, number);
                }
            } catch (RuntimeException e) {
                conn.fail(e, m, number);
            }
        } else {
            BasicMethods.Publish publishing = publisher.pendingMethod();
            try {
                publisher.content(frame);
            } catch (RuntimeException e) {
                conn.fail(e, publishing != null ? publishing : null, number);
            }
        }
    }

    /**
     * In a cluster, a method that named a queue or exchange this node does not know runs once more
     * after the node caught up with other nodes' declarations (it may have been declared on another
     * node a moment ago).
     */
    private boolean lookAgainAfterCatchUp(Method m) {
        return againAfterCatchUp(m, () -> dispatch(m));
    }

    /**
     * In a cluster, runs {@code again} (the handling of {@code m}, once more) when this node has
     * caught up with other nodes' declarations; later frames wait meanwhile. False when alone, or
     * when this already is that second run.
     */
    boolean againAfterCatchUp(Method m, Runnable again) {
        if (m == runningAgain || !conn.context().followsOtherNodes()) {
            return false;
        }
        await(conn.context().catchUpDefinitions(), m, v -> {
            runningAgain = m;
            try {
                again.run();
            } finally {
                runningAgain = null;
            }
        });
        return true;
    }

    private void dispatch(Method m) {
        switch (m.classId()) {
            case BasicMethods.CLASS: basic(m); break;
            case QueueMethods.CLASS: queue(m); break;
            case ExchangeMethods.CLASS: exchange(m); break;
            case ChannelMethods.CLASS: channel(m); break;
            case 85: publisher.confirmSelect((BasicMethods.ConfirmSelect) m); break;
            case 90: tx(m); break;
            default: throw invalid(m);
        }
    }

    private void basic(Method m) {
        switch (m.methodId()) {
            case 40: publisher.publish((BasicMethods.Publish) m); break;
            case 80: deliveries.ack((BasicMethods.Ack) m); break;
            case 90:
            case 120: deliveries.nack((BasicMethods.Nack) m); break;
            case 10: deliveries.qos((BasicMethods.Qos) m); break;
            case 20: deliveries.consume((BasicMethods.Consume) m); break;
            case 30: deliveries.cancel((BasicMethods.Cancel) m); break;
            case 70: deliveries.get((BasicMethods.Get) m); break;
            case 100:
            case 110: deliveries.recover((BasicMethods.Recover) m); break;
            default: throw invalid(m);
        }
    }

    private void queue(Method m) {
        switch (m.methodId()) {
            case 10: topology.declareQueue((QueueMethods.Declare) m); break;
            case 20:
            case 50: topology.bindQueue((QueueMethods.Bind) m); break;
            case 30: topology.purge((QueueMethods.Purge) m); break;
            case 40: topology.deleteQueue((QueueMethods.Delete) m); break;
            default: throw invalid(m);
        }
    }

    private void exchange(Method m) {
        switch (m.methodId()) {
            case 10: topology.declareExchange((ExchangeMethods.Declare) m); break;
            case 20: topology.deleteExchange((ExchangeMethods.Delete) m); break;
            case 30:
            case 40: topology.bindExchange((ExchangeMethods.Bind) m); break;
            default: throw invalid(m);
        }
    }

    private void channel(Method m) {
        switch (m.methodId()) {
            case 20: flow(((ChannelMethods.Flow) m).active()); break;
            case 40: clientClose(); break;
            case 21:
            case 41: break;
            case 10: throw new ConnectionException(ConnectionReplyCode.CHANNEL_ERROR, "second 'channel.open' seen");
            default: throw invalid(m);
        }
    }

    private void tx(Method m) {
        switch (m.methodId()) {
            case 10: publisher.txSelect(); break;
            case 20: publisher.txCommit(m); break;
            case 30: publisher.txRollback(); break;
            default: throw invalid(m);
        }
    }

    private static ConnectionException invalid(Method m) {
        return new ConnectionException(ConnectionReplyCode.COMMAND_INVALID, "method " + m.name() + " is not valid on a channel");
    }

    /**
     * Continues with {@code then} once {@code future} completes; until then later frames wait.
     * Failures close the channel (or connection) as the mapper says.
     */
    <T> void await(CompletableFuture<T> future, Method m, Consumer<T> then) {
        if (future.isDone() && !future.isCompletedExceptionally()) {
            then.accept(future.join());
            return;
        }
        waiting = true;
        future.whenComplete((v, e) -> conn.runOnLoop(() -> {
            waiting = false;
            if (state != State.OPEN) {
                return;
            }
            try {
                if (e != null) {
                    throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
                }
                then.accept(v);
            } catch (RuntimeException ex) {
                conn.fail(ex, m, number);
            }
            resumeHeld();
            publisher.flushConfirms();
        }));
    }

    private void resumeHeld() {
        Frame f;
        while (!waiting && state == State.OPEN && (f = held.poll()) != null) {
            process(f);
        }
    }

    private void flow(boolean active) {
        flowActive = active;
        send(new ChannelMethods.FlowOk(active));
        if (active) {
            deliveries.resume();
        }
    }

    private void clientClose() {
        release();
        send(NoArgs.CHANNEL_CLOSE_OK);
        state = State.CLOSED;
        conn.channelClosed(number);
    }

    /** A soft error: release everything, send channel.close, and ignore the channel until close-ok. */
    void closeWithError(ReplyCodeMapper.Closing c) {
        if (state != State.OPEN) {
            return;
        }
        release();
        state = State.CLOSING;
        send(new ChannelMethods.Close(c.replyCode(), c.replyText(), c.classId(), c.methodId()));
    }

    /** Gives back what the channel holds: consumers cancelled, unacked messages requeued, held frames dropped. */
    void release() {
        if (state == State.CLOSED) {
            return;
        }
        publisher.release();
        deliveries.release();
        held.forEach(Amqp091Connection::releaseBody);
        held.clear();
        state = State.CLOSING;
    }

    void readComplete() {
        publisher.flushConfirms();
    }

    void resumeDeliveries() {
        deliveries.resume();
    }

    // ---- shared by the handlers ----

    void send(Method m) {
        conn.send(number, m);
    }

    void sendContent(Method m, byte[] properties, byte[] body) {
        conn.sendContent(number, m, properties, body);
    }

    boolean canDeliver() {
        return flowActive && state == State.OPEN && conn.writable();
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    Amqp091Connection connection() {
        return conn;
    }

    Topology topology() {
        return topology;
    }

    Publisher publisher() {
        return publisher;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    /** A snapshot for management; on the connection's loop. */
    io.tributary.amqp.AmqpChannelInfo info() {
        return new io.tributary.amqp.AmqpChannelInfo(number, deliveries.consumerPrefetch(), deliveries.globalPrefetch(),
                deliveries.unackedCount(), publisher.confirming(), publisher.inTx(), deliveries.consumerInfos());
    }

    int number() {
        return number;
    }

    static ChannelException preconditionFailed(String text) {
        return new ChannelException(ChannelReplyCode.PRECONDITION_FAILED, text);
    }
}
