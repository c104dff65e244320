package io.tributary.server.protocol;

import io.netty.channel.ChannelHandler;
import java.util.concurrent.CompletableFuture;

/**
 * A protocol as the broker's lifecycle sees it: a pipeline initializer for its listener, a way to
 * let in-flight work finish at shutdown, and resources to release.
 */
public interface ProtocolService extends AutoCloseable {
    /** Installed on every accepted connection of this protocol's listener; must be {@code @Sharable}. */
    ChannelHandler channelInitializer();

    /** Completes once requests already received have been answered; new ones may be refused. */
    default CompletableFuture<Void> drain() {
        return CompletableFuture.completedFuture(null);
    }

    /** Releases the protocol's resources after its connections are closed. */
    @Override
    void close();
}
