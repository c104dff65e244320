package io.tributary.amqp.v10.proton;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tributary.amqp.AmqpContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one proton-j engine from the Netty pipeline, as Artemis' {@code ProtonHandler}: socket bytes go
 * into the transport's tail, the collector's events go to the {@link EventSink}, and the transport's
 * head is written to the socket and flushed once per read burst. Idle-timeout frames come from
 * {@link Transport#tick} on a timer of the event loop.
 *
 * <p>Failures: a frame proton cannot parse closes the connection with proton's condition
 * ({@code amqp:decode-error} or {@code amqp:connection:framing-error}); any other exception escaping the
 * sink becomes {@code amqp:internal-error} and closes this connection only.
 */
public final class ProtonHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(ProtonHandler.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

    private final AmqpContext context;
    private final byte[] header;
    private final boolean sasl;
    private final EventSink sink;
    private final Transport transport = Proton.transport();
    private final Connection connection = Proton.connection();
    private final Collector collector = Proton.collector();
    private ChannelHandlerContext ctx;
    private String saslUser;
    private boolean dispatching;
    private boolean closing;
    private ScheduledFuture<?> tick;
    private long tickAt;

    /**
     * @param header the protocol header the detector consumed; it is fed to the transport first
     * @param sasl whether the client opened with the SASL header
     */
    public ProtonHandler(AmqpContext context, byte[] header, boolean sasl, EventSink sink) {
        this.context = context;
        this.header = header.clone();
        this.sasl = sasl;
        this.sink = sink;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        transport.setMaxFrameSize(context.limits().frameMax());
        transport.setChannelMax(Math.min(context.limits().channelMax(), 65_535));
        if (context.limits().heartbeatSeconds() > 0) {
            transport.setIdleTimeout(context.limits().heartbeatSeconds() * 2_000);
        }
        if (sasl) {
            SaslServer.install(transport, context.authenticator(), ctx.channel().remoteAddress(),
                    io.tributary.amqp.auth.PeerCertificates.commonName(ctx.channel()), u -> saslUser = u);
        }
        connection.collect(collector);
        transport.bind(connection);
        sink.bound(this);
        ByteBuf h = ctx.alloc().heapBuffer(header.length).writeBytes(header);
        try {
            input(h);
        } finally {
            h.release();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            input(buf);
        } finally {
            buf.release();
        }
    }

    private void input(ByteBuf buf) {
        while (buf.isReadable() && !closing) {
            int capacity = transport.capacity();
            if (capacity == 0) {
                processInput();
                capacity = transport.capacity();
            }
            if (capacity <= 0) {
                // the transport's input is closed (or cannot take more): the connection is going away
                buf.skipBytes(buf.readableBytes());
                break;
            }
            ByteBuffer tail = transport.tail();
            int n = Math.min(capacity, buf.readableBytes());
            tail.limit(tail.position() + n);
            buf.readBytes(tail);
            processInput();
        }
    }

    private void processInput() {
        try {
            transport.process();
        } catch (TransportException e) {
            LOGGER.debug("AMQP 1.0 connection from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
        }
        pump();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        if (tick != null) {
            tick.cancel(false);
        }
        try {
            sink.closed();
        } catch (RuntimeException e) {
            LOGGER.warn("Releasing AMQP 1.0 connection from {} failed", ctx.channel().remoteAddress(), e);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOGGER.debug("AMQP 1.0 connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOGGER.warn("AMQP 1.0 connection from {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            execute(() -> sink.onEvent(null));
        }
        super.channelWritabilityChanged(ctx);
    }

    // ---- the engine -----------------------------------------------------------------------------

    /** Dispatches every pending event, then writes what the transport produced. */
    private void pump() {
        requireInEventLoop();
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            Event ev;
            while ((ev = collector.peek()) != null) {
                try {
                    dispatch(ev);
                } finally {
                    collector.pop();
                }
            }
        } catch (RuntimeException e) {
            internalError(e);
        } finally {
            dispatching = false;
        }
        output();
        scheduleTick();
    }

    private void dispatch(Event ev) {
        if (ev.getType() == Event.Type.TRANSPORT_ERROR) {
            ErrorCondition c = transport.getCondition();
            LOGGER.info("Closing AMQP 1.0 connection from {}: {}", ctx.channel().remoteAddress(), c == null ? "transport error" : c);
            closing = true;
            return;
        }
        sink.onEvent(ev);
    }

    /** An unexpected failure: close this connection (only) with {@code amqp:internal-error}. */
    public void internalError(Throwable e) {
        LOGGER.warn("AMQP 1.0 connection from {}: internal error, closing it", ctx.channel().remoteAddress(), e);
        closeConnection(new ErrorCondition(AmqpError.INTERNAL_ERROR, "internal error: " + e));
    }

    /** Closes the connection with {@code condition}; the socket closes once the close frame is out. */
    public void closeConnection(ErrorCondition condition) {
        if (connection.getLocalState() == EndpointState.UNINITIALIZED) {
            connection.open();
        }
        if (connection.getLocalState() != EndpointState.CLOSED) {
            connection.setCondition(condition);
            connection.close();
        }
        ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void output() {
        boolean wrote = false;
        for (;;) {
            int pending;
            try {
                pending = transport.pending();
            } catch (TransportException e) {
                pending = Transport.END_OF_STREAM;
            }
            if (pending <= 0) {
                if (pending < 0 || closing) {
                    closeSocket(wrote);
                    return;
                }
                break;
            }
            ByteBuffer head = transport.head();
            ByteBuf out = ctx.alloc().ioBuffer(pending);
            out.writeBytes(head.duplicate().limit(head.position() + pending));
            transport.pop(pending);
            ctx.write(out, ctx.voidPromise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void closeSocket(boolean wrote) {
        closing = true;
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
        } else if (wrote) {
            ctx.flush();
        }
    }

    private void scheduleTick() {
        if (closing) {
            return;
        }
        long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        long next = transport.tick(now);
        if (next != 0 && (tick == null || tick.isDone() || next < tickAt)) {
            if (tick != null) {
                tick.cancel(false);
            }
            tickAt = next;
            tick = ctx.executor().schedule(this::pump, Math.max(1, next - now), TimeUnit.MILLISECONDS);
        }
    }

    // ---- for the connection and its links ---------------------------------------------------------

    /** Asserts the caller is on this connection's event loop (as Artemis' {@code requireHandler}). */
    public void requireInEventLoop() {
        if (!ctx.executor().inEventLoop()) {
            throw new IllegalStateException("AMQP 1.0 state touched off its event loop: " + Thread.currentThread().getName());
        }
    }

    /**
     * Runs {@code task} on the event loop (now when already there) and then writes what it produced.
     * Storage completions and queue deliveries come back through here.
     */
    public void execute(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            runGuarded(task);
        } else {
            ctx.executor().execute(() -> runGuarded(task));
        }
    }

    private void runGuarded(Runnable task) {
        if (closing && !ctx.channel().isActive()) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            internalError(e);
        }
        pump();
    }

    public Connection connection() {
        return connection;
    }

    public Transport transport() {
        return transport;
    }

    public ChannelHandlerContext channelContext() {
        return ctx;
    }

    /** The user SASL authenticated, or null (no SASL layer: the plain 1.0 header). */
    public String saslUser() {
        return saslUser;
    }

    public boolean usedSasl() {
        return sasl;
    }

    public boolean writable() {
        return ctx.channel().isWritable();
    }
}
