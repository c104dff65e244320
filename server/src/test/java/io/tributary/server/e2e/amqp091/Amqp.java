package io.tributary.server.e2e.amqp091;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.tributary.server.testing.TributaryBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Helpers for tests that drive the broker with RabbitMQ's Java client. */
final class Amqp {
    private Amqp() {
    }

    static ConnectionFactory factory(TributaryBroker broker) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpPort());
        f.setUsername("guest");
        f.setPassword("guest");
        f.setAutomaticRecoveryEnabled(false);
        f.setRequestedHeartbeat(0);
        return f;
    }

    static Connection connect(TributaryBroker broker) throws IOException, TimeoutException {
        return factory(broker).newConnection();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Drains a queue with basic.get (auto-ack) and returns the bodies as text. */
    static List<String> drain(Channel ch, String queue) throws IOException {
        List<String> out = new ArrayList<>();
        GetResponse r;
        while ((r = ch.basicGet(queue, true)) != null) {
            out.add(text(r.getBody()));
        }
        return out;
    }

    /** The reply code of the close that a failed call on a channel caused. */
    static int replyCode(Throwable t) {
        Throwable c = t;
        while (c != null && !(c instanceof ShutdownSignalException)) {
            c = c.getCause();
        }
        if (c == null) {
            throw new AssertionError("no shutdown signal in " + t, t);
        }
        Object reason = ((ShutdownSignalException) c).getReason();
        if (reason instanceof AMQP.Channel.Close cc) {
            return cc.getReplyCode();
        }
        return ((AMQP.Connection.Close) reason).getReplyCode();
    }

    /** The reply text of that close. */
    static String replyText(Throwable t) {
        Throwable c = t;
        while (c != null && !(c instanceof ShutdownSignalException)) {
            c = c.getCause();
        }
        Object reason = ((ShutdownSignalException) c).getReason();
        if (reason instanceof AMQP.Channel.Close cc) {
            return cc.getReplyText();
        }
        return ((AMQP.Connection.Close) reason).getReplyText();
    }
}
