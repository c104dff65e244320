package io.tributary.amqp;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What management sees of one AMQP connection; counters are read without locks. */
public interface AmqpConnectionInfo {
    String id();

    SocketAddress remoteAddress();

    String user();

    String vhost();

    String protocol();

    Map<String, Object> clientProperties();

    int channelCount();

    long publishedMessages();

    long deliveredMessages();

    /** The broker's end of the connection. */
    default SocketAddress localAddress() {
        return null;
    }

    /** When the connection was accepted (epoch ms). */
    default long connectedAtMillis() {
        return 0;
    }

    /** The SASL mechanism the client logged in with, or null before it did. */
    default String authMechanism() {
        return null;
    }

    /** Its channels (AMQP 0-9-1), snapshotted on the connection's event loop; none for other protocols. */
    default CompletableFuture<List<AmqpChannelInfo>> channels() {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Closes the connection with 320 CONNECTION_FORCED (operator action, shutdown). */
    void forceClose(String reason);
}
