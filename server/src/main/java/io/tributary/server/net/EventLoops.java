package io.tributary.server.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop groups every listener shares: one acceptor thread and a pool of I/O threads, on
 * epoll where the native transport loads and NIO otherwise.
 */
public final class EventLoops implements AutoCloseable {
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final String transportName;

    private EventLoops(EventLoopGroup acceptor, EventLoopGroup io, Class<? extends ServerChannel> cls, String name) {
        this.acceptor = acceptor;
        this.io = io;
        this.serverChannelClass = cls;
        this.transportName = name;
    }

    /** @param ioThreads I/O threads; 0 means twice the available processors */
    public static EventLoops create(int ioThreads) {
        int threads = ioThreads > 0 ? ioThreads : 2 * Runtime.getRuntime().availableProcessors();
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new EventLoops(
                new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tributary-accept", true), factory),
                new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("tributary-io", true), factory),
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class,
                epoll ? "epoll" : "nio");
    }

    public EventLoopGroup acceptor() {
        return acceptor;
    }

    public EventLoopGroup io() {
        return io;
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    public String transportName() {
        return transportName;
    }

    @Override
    public void close() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
