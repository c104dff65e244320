package io.tributary.server.e2e.queues;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/** RabbitMQ Java client helpers for the queue-feature tests. */
final class Rabbit {
    static final AMQP.BasicProperties PERSISTENT = MessageProperties.PERSISTENT_BASIC;

    private Rabbit() {
    }

    static Connection connect(int port) throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(port);
        f.setUsername("guest");
        f.setPassword("guest");
        f.setAutomaticRecoveryEnabled(false);
        f.setRequestedHeartbeat(0);
        f.setConnectionTimeout(5_000);
        return f.newConnection();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static AMQP.BasicProperties expiring(String ms) {
        return new AMQP.BasicProperties.Builder().expiration(ms).build();
    }

    static AMQP.BasicProperties headers(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }

    static AMQP.BasicProperties priority(int p) {
        return new AMQP.BasicProperties.Builder().priority(p).build();
    }

    /** The journal directory of a queue of vhost "/" (its current incarnation: {@code <name>~<incarnation>}). */
    static java.nio.file.Path journalOf(java.nio.file.Path dataDir, String queue) throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> dirs = java.nio.file.Files.list(dataDir.resolve("queues").resolve("%2F"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(queue + "~")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no journal for " + queue));
        }
    }

    /** Takes everything a queue holds with basic.get (auto-ack); returns the bodies. */
    static List<String> drain(Channel ch, String queue) throws IOException {
        List<String> out = new ArrayList<>();
        GetResponse r;
        while ((r = ch.basicGet(queue, true)) != null) {
            out.add(text(r.getBody()));
        }
        return out;
    }

    /** One delivery as a consumer saw it. */
    record Got(String body, long tag, boolean redelivered, AMQP.BasicProperties properties, Envelope envelope) {
    }

    /** A consumer that records what it receives, for Awaitility to watch. */
    static class Recorder extends DefaultConsumer {
        final List<Got> got = new CopyOnWriteArrayList<>();
        volatile boolean cancelledByBroker;

        Recorder(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            got.add(new Got(text(body), envelope.getDeliveryTag(), envelope.isRedeliver(), properties, envelope));
        }

        @Override
        public void handleCancel(String consumerTag) {
            cancelledByBroker = true;
        }

        List<String> bodies() {
            return got.stream().map(Got::body).toList();
        }
    }
}
