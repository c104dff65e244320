package io.tributary.kafka;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.EventExecutor;
import io.tributary.kafka.security.ConnectionSecurity;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's connection as request handlers see it: where it comes from, its event loop, and the
 * storage executor its requests' file work runs on (one per connection, so appends of pipelined
 * Produce requests happen in the order they were sent).
 */
public final class ClientConnection {
    private static final AtomicLong IDS = new AtomicLong();

    private final Channel channel;
    private final EventExecutor storage;
    private final String id;
    private final ConnectionSecurity security;

    public ClientConnection(Channel channel, EventExecutor storage) {
        this.channel = channel;
        this.storage = storage;
        this.id = channel.localAddress() + "-" + channel.remoteAddress() + "-" + IDS.incrementAndGet();
        this.security = new ConnectionSecurity(channel);
    }

    /** Who this connection is (its principal) and where it is in SASL authentication. */
    public ConnectionSecurity security() {
        return security;
    }

    /** Closes the connection now. */
    public void close() {
        channel.close();
    }

    /** Runs {@code action} once the connection has closed (at once when it already has). */
    public void onClose(Runnable action) {
        channel.closeFuture().addListener(f -> action.run());
    }

    /** Closes the connection once what was written before this call has been flushed (a last error response). */
    public void closeAfterFlush() {
        channel.eventLoop().execute(() -> channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
    }

    public String id() {
        return id;
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** The connection's event loop: protocol state is touched only here. */
    public EventExecutor eventLoop() {
        return channel.eventLoop();
    }

    /** Where this connection's storage work runs, in submission order. */
    public EventExecutor storage() {
        return storage;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }
}
