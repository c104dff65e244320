package io.tributary.amqp;

import java.net.SocketAddress;
import java.util.Map;

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

    /** Closes the connection with 320 CONNECTION_FORCED (operator action, shutdown). */
    void forceClose(String reason);
}
