package io.tributary.amqp.v091.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import io.tributary.amqp.AmqpChannelInfo;
import io.tributary.amqp.AmqpConnectionInfo;
import io.tributary.amqp.AmqpContext;
import io.tributary.amqp.auth.AuthenticationException;
import io.tributary.amqp.auth.PeerCertificates;
import io.tributary.amqp.auth.SaslMechanisms;
import io.tributary.amqp.auth.VhostAccess;
import io.tributary.amqp.v091.access.Amqp091Permissions;
import io.tributary.amqp.v091.codec.ChannelMethods;
import io.tributary.amqp.v091.codec.ConnectionMethods;
import io.tributary.amqp.v091.codec.Frame;
import io.tributary.amqp.v091.codec.FrameWriter;
import io.tributary.amqp.v091.codec.Method;
import io.tributary.amqp.v091.codec.NoArgs;
import io.tributary.amqp.v091.codec.QueueMethods;
import io.tributary.amqp.v091.error.ConnectionException;
import io.tributary.amqp.v091.error.ConnectionReplyCode;
import io.tributary.amqp.v091.error.ReplyCodeMapper;
import io.tributary.exchanges.Destination;
import io.tributary.exchanges.vhost.VirtualHost;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP 0-9-1 connection: the handshake, channel 0, the channels, heartbeats, and batching of
 * writes (frames are written as they are produced and flushed once per read burst or once per
 * batch of deliveries). All state is confined to the connection's event loop.
 *
 * <pre>
 * AWAITING_START_OK --start-ok, login ok--> AWAITING_TUNE_OK --tune-ok--> AWAITING_OPEN --open--> OPEN
 *        |                                                                                    |
 *        +------------- hard error: connection.close sent --> CLOSING --close-ok/timeout--> CLOSED
 * </pre>
 */
public final class Amqp091Connection extends ChannelInboundHandlerAdapter implements AmqpConnectionInfo {
    private static final Logger LOGGER = LoggerFactory.getLogger(Amqp091Connection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final int FRAME_MIN_SIZE = 4096;
    private static final long CLOSE_OK_TIMEOUT_SECONDS = 2;

    enum State { AWAITING_START_OK, AWAITING_TUNE_OK, AWAITING_OPEN, OPEN, CLOSING, CLOSED }

    private final AmqpContext context;
    private final String id = "amqp-" + IDS.incrementAndGet();
    private final IntObjectHashMap<Amqp091Channel> channels = new IntObjectHashMap<>();
    private final Set<Destination> exclusiveQueues = ConcurrentHashMap.newKeySet();
    private final Set<Destination> throttledBy = new java.util.HashSet<>();
    private final Runnable flushTask = this::flushNow;
    private final Consumer<Boolean> alarmListener = this::alarmChanged;
    private ChannelHandlerContext ctx;
    private State state = State.AWAITING_START_OK;
    private String mechanism;
    private String user;
    private VirtualHost vhost;
    private Amqp091Permissions permissions;
    private Map<String, Object> clientProperties = Map.of();
    private boolean consumerCancelNotify;
    private boolean authenticationFailureClose;
    private boolean blockedCapability;
    private int frameMax;
    private int channelMax;
    private boolean inRead;
    private boolean dirty;
    private boolean flushScheduled;
    private boolean publishedOnce;
    private boolean blocked;
    private ScheduledFuture<?> handshakeTimeout;
    volatile long published;
    volatile long delivered;
    private final long connectedAt = System.currentTimeMillis();

    public Amqp091Connection(AmqpContext context) {
        this.context = context;
        this.frameMax = context.limits().frameMax();
        this.channelMax = context.limits().channelMax();
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    private void start() {
        if (handshakeTimeout != null) {
            return;
        }
        String mechanisms = SaslMechanisms.OFFERED + (PeerCertificates.commonName(ctx.channel()) != null ? " " + PeerCertificates.EXTERNAL : "");
        send(0, new ConnectionMethods.Start(ServerProperties.of(context.productVersion()), mechanisms, "en_US"));
        handshakeTimeout = ctx.executor().schedule(() -> {
            if (state.ordinal() < State.OPEN.ordinal()) {
                LOGGER.info("Closing AMQP connection {} from {}: handshake not completed within {} ms", id, remoteAddress(),
                        context.limits().handshakeTimeoutMs());
                ctx.close();
            }
        }, context.limits().handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = State.CLOSED;
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        releaseChannels();
        context.connections().remove(this);
        context.alarm().unlisten(alarmListener);
        if (vhost != null) {
            for (Destination q : List.copyOf(exclusiveQueues)) {
                vhost.deleteQueue(q);
            }
        }
        super.channelInactive(ctx);
    }

    // ---- reading ------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        if (!(msg instanceof Frame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Method method = frame instanceof Frame.MethodFrame mf ? mf.method() : null;
        try {
            handle(frame, method);
        } catch (RuntimeException e) {
            fail(e, method, frame.channel());
        }
    }

    private void handle(Frame frame, Method method) {
        if (state == State.CLOSED) {
            releaseBody(frame);
            return;
        }
        if (state == State.CLOSING) {
            releaseBody(frame);
            if (method == NoArgs.CONNECTION_CLOSE_OK || method instanceof ConnectionMethods.Close) {
                if (method instanceof ConnectionMethods.Close) {
                    send(0, NoArgs.CONNECTION_CLOSE_OK);
                    flushNow();
                }
                ctx.close();
            }
            return;
        }
        if (frame instanceof Frame.Heartbeat) {
            return;
        }
        if (frame.channel() == 0) {
            if (method == null) {
                releaseBody(frame);
                throw new ConnectionException(ConnectionReplyCode.UNEXPECTED_FRAME, "content frame on channel 0");
            }
            handleChannelZero(method);
            return;
        }
        if (state != State.OPEN) {
            releaseBody(frame);
            throw new ConnectionException(ConnectionReplyCode.UNEXPECTED_FRAME, "frame on channel " + frame.channel()
                    + " before the connection is open");
        }
        Amqp091Channel ch = channels.get(frame.channel());
        if (ch == null) {
            if (method instanceof ChannelMethods.Open) {
                permissions.check(frame.channel(), method);
                openChannel(frame.channel());
                return;
            }
            releaseBody(frame);
            throw new ConnectionException(ConnectionReplyCode.CHANNEL_ERROR, "expected 'channel.open' on channel " + frame.channel());
        }
        if (method != null) {
            permissions.check(frame.channel(), method);
        }
        ch.handle(frame);
    }

    private void handleChannelZero(Method m) {
        switch (state) {
            case AWAITING_START_OK:
                startOk(expect(m, ConnectionMethods.StartOk.class, "connection.start-ok"));
                break;
            case AWAITING_TUNE_OK:
                tuneOk(expect(m, ConnectionMethods.TuneOk.class, "connection.tune-ok"));
                break;
            case AWAITING_OPEN:
                open(expect(m, ConnectionMethods.Open.class, "connection.open"));
                break;
            default:
                if (m instanceof ConnectionMethods.Close c) {
                    LOGGER.debug("Client closed connection {}: {} {}", id, c.replyCode(), c.replyText());
                    releaseChannels();
                    send(0, NoArgs.CONNECTION_CLOSE_OK);
                    flushNow();
                    state = State.CLOSED;
                    ctx.close();
                } else if (m instanceof ConnectionMethods.UpdateSecret) {
                    send(0, NoArgs.CONNECTION_UPDATE_SECRET_OK);
                } else if (m != NoArgs.CONNECTION_CLOSE_OK) {
                    throw new ConnectionException(ConnectionReplyCode.COMMAND_INVALID, "unexpected method " + m.name()
                            + " on channel 0");
                }
        }
    }

    private static <T extends Method> T expect(Method m, Class<T> type, String name) {
        if (!type.isInstance(m)) {
            throw new ConnectionException(ConnectionReplyCode.COMMAND_INVALID, "expected '" + name + "', got '" + m.name() + "'");
        }
        return type.cast(m);
    }

    private void startOk(ConnectionMethods.StartOk m) {
        clientProperties = m.clientProperties();
        if (clientProperties.get("capabilities") instanceof Map<?, ?> caps) {
            consumerCancelNotify = Boolean.TRUE.equals(caps.get("consumer_cancel_notify"));
            authenticationFailureClose = Boolean.TRUE.equals(caps.get("authentication_failure_close"));
            blockedCapability = Boolean.TRUE.equals(caps.get("connection.blocked"));
        }
        mechanism = m.mechanism();
        try {
            if (PeerCertificates.EXTERNAL.equals(m.mechanism())) {
                user = context.authenticator().authenticateExternal(PeerCertificates.commonName(ctx.channel()), remoteAddress());
            } else {
                SaslMechanisms.Credentials c = SaslMechanisms.parse(m.mechanism(), m.response());
                user = context.authenticator().authenticate(c.username(), c.password(), remoteAddress());
            }
        } catch (AuthenticationException e) {
            LOGGER.warn("AMQP login refused for {} ({}): {}", remoteAddress(), m.mechanism(), e.getMessage());
            if (authenticationFailureClose) {
                closeConnection(ConnectionReplyCode.ACCESS_REFUSED.code(), "ACCESS_REFUSED - Login was refused using authentication"
                        + " mechanism " + m.mechanism() + ". For details see the broker logfile.", 0, 0);
            } else {
                state = State.CLOSED;
                ctx.close();
            }
            return;
        }
        state = State.AWAITING_TUNE_OK;
        send(0, new ConnectionMethods.Tune(channelMax, frameMax, context.limits().heartbeatSeconds()));
    }

    private void tuneOk(ConnectionMethods.TuneOk m) {
        long fm = m.frameMax() == 0 ? context.limits().frameMax() : m.frameMax();
        if (fm > context.limits().frameMax()) {
            throw new ConnectionException(ConnectionReplyCode.NOT_ALLOWED, "frame_max=" + fm + " > " + context.limits().frameMax() + " max");
        }
        if (fm < FRAME_MIN_SIZE) {
            throw new ConnectionException(ConnectionReplyCode.NOT_ALLOWED, "frame_max=" + fm + " < " + FRAME_MIN_SIZE + " min");
        }
        frameMax = (int) fm;
        channelMax = m.channelMax() == 0 ? context.limits().channelMax() : Math.min(m.channelMax(), context.limits().channelMax());
        int heartbeat = m.heartbeat();
        if (heartbeat > 0) {
            ctx.pipeline().addBefore(ctx.name(), "idle",
                    new IdleStateHandler(heartbeat * 2000L, heartbeat * 500L, 0, TimeUnit.MILLISECONDS));
        }
        state = State.AWAITING_OPEN;
    }

    private void open(ConnectionMethods.Open m) {
        VirtualHost vh = context.vhosts().get(m.virtualHost());
        if (vh == null) {
            throw new ConnectionException(ConnectionReplyCode.NOT_ALLOWED, "vhost " + m.virtualHost() + " not found");
        }
        VhostAccess access = context.accessControl().vhostAccess(user, vh.name());
        if (access == null) {
            throw new ConnectionException(ConnectionReplyCode.NOT_ALLOWED, "access to vhost '" + vh.name() + "' refused for user '" + user + "'");
        }
        if (context.limits().userAtLimit(user, context.connections())) {
            throw new ConnectionException(ConnectionReplyCode.NOT_ALLOWED, "access to vhost '" + vh.name() + "' refused for user '" + user
                    + "': user connection limit (" + context.limits().maxConnectionsPerUser() + ") is reached");
        }
        permissions = new Amqp091Permissions(access);
        vhost = vh;
        state = State.OPEN;
        handshakeTimeout.cancel(false);
        context.connections().add(this);
        context.alarm().listen(alarmListener);
        send(0, new ConnectionMethods.OpenOk());
        LOGGER.debug("AMQP connection {} from {} opened vhost '{}' as '{}'", id, remoteAddress(), vh.name(), user);
    }

    private void openChannel(int number) {
        if (number > channelMax) {
            throw new ConnectionException(ConnectionReplyCode.CHANNEL_ERROR, "channel " + number + " exceeds channel_max " + channelMax);
        }
        channels.put(number, new Amqp091Channel(this, number));
        send(number, new ChannelMethods.OpenOk());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        for (Amqp091Channel ch : channels.values()) {
            ch.readComplete();
        }
        flushNow();
    }

    // ---- errors -------------------------------------------------------------------------------

    /** Maps a failure to a channel close or a connection close (hard errors). */
    void fail(Throwable t, Method failing, int channel) {
        ReplyCodeMapper.Closing c = ReplyCodeMapper.map(t, failing);
        Amqp091Channel ch = channels.get(channel);
        if (!c.connection() && ch != null) {
            ch.closeWithError(c);
        } else {
            closeConnection(c.replyCode(), c.replyText(), c.classId(), c.methodId());
        }
    }

    /** Sends connection.close and waits (briefly) for close-ok; the channels are released at once. */
    void closeConnection(int code, String text, int classId, int methodId) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        LOGGER.info("Closing AMQP connection {} from {}: {}", id, remoteAddress(), text);
        state = State.CLOSING;
        releaseChannels();
        send(0, new ConnectionMethods.Close(code, text, classId, methodId));
        flushNow();
        ctx.executor().schedule(() -> ctx.close(), CLOSE_OK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOGGER.debug("AMQP connection {} from {} failed: {}", id, remoteAddress(), cause.toString());
            ctx.close();
            return;
        }
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        fail(t, null, 0);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent e) {
            if (e.state() == IdleState.READER_IDLE) {
                LOGGER.info("Closing AMQP connection {} from {}: missed heartbeats from client", id, remoteAddress());
                state = State.CLOSED;
                ctx.close();
            } else if (e.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(FrameWriter.heartbeat(ctx.alloc()), ctx.voidPromise());
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            for (Amqp091Channel ch : channels.values()) {
                ch.resumeDeliveries();
            }
        }
        super.channelWritabilityChanged(ctx);
    }

    // ---- channels -----------------------------------------------------------------------------

    void channelClosed(int number) {
        channels.remove(number);
    }

    private void releaseChannels() {
        for (Amqp091Channel ch : new ArrayList<>(channels.values())) {
            ch.release();
        }
        channels.clear();
    }

    // ---- writing ------------------------------------------------------------------------------

    void send(int channel, Method m) {
        if (m instanceof QueueMethods.DeclareOk ok && permissions != null) {
            permissions.declared(channel, ok.queue());
        }
        write(FrameWriter.method(ctx.alloc(), channel, m));
    }

    void sendContent(int channel, Method m, byte[] properties, byte[] body) {
        write(FrameWriter.content(ctx.alloc(), channel, m, properties, body, frameMax));
    }

    private void write(ByteBuf frames) {
        ctx.write(frames, ctx.voidPromise());
        dirty = true;
        if (!inRead && !flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        if (dirty) {
            dirty = false;
            ctx.flush();
        }
    }

    /** Runs on this connection's event loop: now when already there, else as a task (keeps order). */
    void runOnLoop(Runnable r) {
        EventLoop loop = ctx.channel().eventLoop();
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    boolean writable() {
        return ctx.channel().isWritable();
    }

    // ---- flow control -------------------------------------------------------------------------

    /**
     * Stops reading from this connection until {@code d} is no longer congested (RabbitMQ's credit
     * flow, per destination): a publisher cannot outrun its queues' consumers without bound.
     */
    void throttle(Destination d) {
        if (throttledBy.add(d)) {
            updateAutoRead();
            d.whenUncongested(() -> runOnLoop(() -> {
                throttledBy.remove(d);
                updateAutoRead();
            }));
        }
    }

    private void updateAutoRead() {
        ctx.channel().config().setAutoRead(!blocked && throttledBy.isEmpty() && state != State.CLOSED);
    }

    // ---- resource alarm -----------------------------------------------------------------------

    void publishing() {
        if (!publishedOnce) {
            publishedOnce = true;
            if (context.alarm().raised()) {
                alarmChanged(true);
            }
        }
        published++;
    }

    private void alarmChanged(boolean raised) {
        runOnLoop(() -> {
            if (!publishedOnce || blocked == raised || state != State.OPEN) {
                return;
            }
            blocked = raised;
            if (blockedCapability) {
                send(0, raised ? new ConnectionMethods.Blocked(context.alarm().reason()) : NoArgs.CONNECTION_UNBLOCKED);
                flushNow();
            }
            updateAutoRead();
        });
    }

    // ---- accessors ----------------------------------------------------------------------------

    AmqpContext context() {
        return context;
    }

    VirtualHost vhostRef() {
        return vhost;
    }

    int frameMax() {
        return frameMax;
    }

    boolean consumerCancelNotify() {
        return consumerCancelNotify;
    }

    void exclusiveQueueDeclared(Destination q) {
        exclusiveQueues.add(q);
    }

    static void releaseBody(Frame f) {
        if (f instanceof Frame.BodyFrame b) {
            b.content().release();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SocketAddress remoteAddress() {
        return ctx.channel().remoteAddress();
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String vhost() {
        return vhost == null ? null : vhost.name();
    }

    @Override
    public String protocol() {
        return "AMQP 0-9-1";
    }

    @Override
    public Map<String, Object> clientProperties() {
        return new LinkedHashMap<>(clientProperties);
    }

    @Override
    public int channelCount() {
        return channels.size();
    }

    @Override
    public long publishedMessages() {
        return published;
    }

    @Override
    public long deliveredMessages() {
        return delivered;
    }

    @Override
    public SocketAddress localAddress() {
        return ctx.channel().localAddress();
    }

    @Override
    public long connectedAtMillis() {
        return connectedAt;
    }

    @Override
    public String authMechanism() {
        return mechanism;
    }

    @Override
    public CompletableFuture<List<AmqpChannelInfo>> channels() {
        CompletableFuture<List<AmqpChannelInfo>> f = new CompletableFuture<>();
        runOnLoop(() -> {
            List<AmqpChannelInfo> out = new ArrayList<>();
            for (Amqp091Channel ch : channels.values()) {
                out.add(ch.info());
            }
            out.sort(java.util.Comparator.comparingInt(AmqpChannelInfo::number));
            f.complete(out);
        });
        return f;
    }

    @Override
    public void forceClose(String reason) {
        runOnLoop(() -> closeConnection(ConnectionReplyCode.CONNECTION_FORCED.code(), "CONNECTION_FORCED - " + reason, 0, 0));
    }

    String mechanism() {
        return mechanism;
    }
}
