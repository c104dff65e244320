package io.tributary.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tributary.config.ConfigException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP listener. Each accepted connection gets, in order: TLS (when configured), the
 * connection limit, and then the protocol's own pipeline from its initializer. The listener keeps
 * every open connection in a group so shutdown can close them.
 */
public final class Listener {
    private static final Logger LOGGER = LoggerFactory.getLogger(Listener.class);

    /**
     * What a listener serves and where.
     *
     * @param tls the TLS context, or null for plain TCP
     * @param tlsHandshakeTimeoutMs a TLS handshake not finished by then closes the connection
     */
    public record Spec(String name, String portSetting, String host, int port, int maxConnections,
                       ChannelHandler protocolInitializer, SslContext tls, long tlsHandshakeTimeoutMs) {
        public Spec(String name, String portSetting, String host, int port, int maxConnections, ChannelHandler protocolInitializer,
                    SslContext tls) {
            this(name, portSetting, host, port, maxConnections, protocolInitializer, tls, 10_000);
        }
    }

    private final Spec spec;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ConnectionLimiter limiter;
    private Channel serverChannel;

    public Listener(Spec spec) {
        this.spec = spec;
        this.limiter = new ConnectionLimiter(spec.name(), spec.maxConnections());
    }

    /**
     * Binds the port.
     *
     * @throws ConfigException naming the port setting when the port is taken or the host is not local
     */
    public void bind(EventLoops loops) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.acceptor(), loops.io())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        if (spec.tls() != null) {
                            SslHandler tls = spec.tls().newHandler(ch.alloc());
                            tls.setHandshakeTimeoutMillis(spec.tlsHandshakeTimeoutMs());
                            ch.pipeline().addLast("tls", tls).addLast("tls-failures", TlsFailures.INSTANCE);
                        }
                        ch.pipeline().addLast("connection-limit", limiter);
                        ch.pipeline().addLast("protocol", spec.protocolInitializer());
                    }
                });
        ChannelFuture f = b.bind(spec.host(), spec.port()).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            String what = isAddressInUse(cause)
                    ? "port " + spec.port() + " on " + spec.host() + " is already in use"
                    : "cannot listen on " + spec.host() + ":" + spec.port() + ": " + cause.getMessage();
            throw new ConfigException(spec.portSetting(), what);
        }
        serverChannel = f.channel();
        LOGGER.info("{} listener on {}:{}", spec.name(), spec.host(), boundPort());
    }

    /** The JDK reports a taken port as BindException, Netty's epoll transport as a native error. */
    private static boolean isAddressInUse(Throwable cause) {
        return cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")
                || String.valueOf(cause.getMessage()).contains("Address already in use");
    }

    public String name() {
        return spec.name();
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int boundPort() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public int openConnections() {
        return limiter.open();
    }

    /** Stops accepting; open connections stay. */
    public void stopAccepting() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Closes every open connection and waits for the closes. */
    public void closeConnections(long timeoutMillis) {
        connections.close().awaitUninterruptibly(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
