package io.tributary.server.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.tributary.config.security.VhostPermissions;
import io.tributary.server.security.UserStore;
import io.tributary.server.testing.BrokerExtension;
import io.tributary.server.testing.TributaryBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AMQP 0-9-1 with RabbitMQ's Java client against the user store: logins with good and bad
 * credentials (PLAIN and AMQPLAIN), vhost access, and every operation refused by its permission
 * with 403 ACCESS_REFUSED, as RabbitMQ's access-control table says.
 */
class SecurityAmqp091IT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @BeforeAll
    static void users() throws Exception {
        UserStore users = BROKER.get().broker().userStore();
        users.putUser("alice", "alice-secret", Set.of("management")).join();
        // alice may configure, write and read only resources named alice.*
        users.setPermissions("alice", "/", new VhostPermissions("^alice.*", "^alice.*", "^alice.*")).join();
        users.putUser("nobody", "nobody-secret", Set.of()).join();
        try (Connection c = connect("guest", "guest"); Channel ch = c.createChannel()) {
            ch.queueDeclare("guest-q", false, false, false, null);
            ch.exchangeDeclare("guest-x", "direct");
        }
    }

    static ConnectionFactory factory(String user, String password) {
        return factory(BROKER.get(), user, password);
    }

    static ConnectionFactory factory(TributaryBroker broker, String user, String password) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpPort());
        f.setUsername(user);
        f.setPassword(password);
        f.setAutomaticRecoveryEnabled(false);
        f.setRequestedHeartbeat(0);
        return f;
    }

    static Connection connect(String user, String password) throws Exception {
        return factory(user, password).newConnection();
    }

    @Test
    void aUserWithAPasswordLogsInWithPlainAndAmqplain() throws Exception {
        try (Connection c = connect("alice", "alice-secret")) {
            assertThat(c.isOpen()).isTrue();
        }
        ConnectionFactory amqplain = factory("alice", "alice-secret");
        amqplain.setSaslConfig(mechanisms -> new AmqPlain());
        try (Connection c = amqplain.newConnection()) {
            assertThat(c.isOpen()).isTrue();
        }
    }

    /** AMQPLAIN: the response is a field table without its length, LOGIN and PASSWORD as long strings. */
    static final class AmqPlain implements com.rabbitmq.client.SaslMechanism {
        @Override
        public String getName() {
            return "AMQPLAIN";
        }

        @Override
        public com.rabbitmq.client.LongString handleChallenge(com.rabbitmq.client.LongString challenge, String user, String password) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            entry(out, "LOGIN", user);
            entry(out, "PASSWORD", password);
            return com.rabbitmq.client.impl.LongStringHelper.asLongString(out.toByteArray());
        }

        private static void entry(java.io.ByteArrayOutputStream out, String key, String value) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            out.write(k.length);
            out.writeBytes(k);
            out.write('S');
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(v.length).array());
            out.writeBytes(v);
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefused() {
        assertThatThrownBy(() -> connect("alice", "wrong")).isInstanceOf(AuthenticationFailureException.class)
                .hasMessageContaining("ACCESS_REFUSED");
        assertThatThrownBy(() -> connect("mallory", "x")).isInstanceOf(AuthenticationFailureException.class);
    }

    @Test
    void aUserWithoutPermissionsInTheVhostCannotOpenIt() {
        assertThatThrownBy(() -> connect("nobody", "nobody-secret")).hasStackTraceContaining("NOT_ALLOWED")
                .hasStackTraceContaining("access to vhost '/' refused for user 'nobody'");
    }

    @FunctionalInterface
    interface Operation {
        void run(Channel ch) throws IOException;
    }

    static Stream<Arguments> refusedOperations() {
        AMQP.BasicProperties none = new AMQP.BasicProperties();
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("queue.declare (configure)", "queue 'guest-q2'", (Operation) ch -> ch.queueDeclare("guest-q2", false, false, false, null)),
                Arguments.of("queue.declare with DLX (write)", "exchange 'guest-x'",
                        (Operation) ch -> ch.queueDeclare("alice-dlx-q", false, false, false, Map.of("x-dead-letter-exchange", "guest-x"))),
                Arguments.of("queue.delete (configure)", "queue 'guest-q'", (Operation) ch -> ch.queueDelete("guest-q")),
                Arguments.of("exchange.declare (configure)", "exchange 'guest-x2'", (Operation) ch -> ch.exchangeDeclare("guest-x2", "fanout")),
                Arguments.of("exchange.delete (configure)", "exchange 'guest-x'", (Operation) ch -> ch.exchangeDelete("guest-x")),
                Arguments.of("queue.bind (read on exchange)", "exchange 'guest-x'", (Operation) ch -> {
                    ch.queueDeclare("alice-q", false, false, false, null);
                    ch.queueBind("alice-q", "guest-x", "k");
                }),
                Arguments.of("queue.bind (write on queue)", "queue 'guest-q'", (Operation) ch -> {
                    ch.exchangeDeclare("alice-x", "direct");
                    ch.queueBind("guest-q", "alice-x", "k");
                }),
                Arguments.of("exchange.bind (read on source)", "exchange 'guest-x'", (Operation) ch -> {
                    ch.exchangeDeclare("alice-x", "direct");
                    ch.exchangeBind("alice-x", "guest-x", "k");
                }),
                Arguments.of("basic.consume (read)", "queue 'guest-q'", (Operation) ch -> ch.basicConsume("guest-q", true, (t, d) -> { }, t -> { })),
                Arguments.of("basic.get (read)", "queue 'guest-q'", (Operation) ch -> ch.basicGet("guest-q", true)),
                Arguments.of("queue.purge (read)", "queue 'guest-q'", (Operation) ch -> ch.queuePurge("guest-q")),
                Arguments.of("basic.publish (write on exchange)", "exchange 'guest-x'", (Operation) ch -> {
                    ch.basicPublish("guest-x", "k", none, body);
                    ch.queueDeclare("alice-after-publish", false, false, false, null);
                }),
                Arguments.of("basic.publish to the default exchange", "exchange 'amq.default'", (Operation) ch -> {
                    ch.basicPublish("", "alice-q", none, body);
                    ch.queueDeclare("alice-after-publish", false, false, false, null);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedOperations")
    void operationsOutsideThePermissionsCloseTheChannelWithAccessRefused(String name, String resource, Operation op) throws Exception {
        try (Connection c = connect("alice", "alice-secret")) {
            Channel ch = c.createChannel();
            // a refused publish closes the channel asynchronously: the next call fails with an IOException caused by the
            // close, or, when the close arrived first, with AlreadyClosedException (itself the ShutdownSignalException)
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> op.run(ch));
            assertThat(thrown).isInstanceOfAny(IOException.class, ShutdownSignalException.class);
            Throwable signal = thrown instanceof ShutdownSignalException ? thrown : thrown.getCause();
            assertThat(signal).isInstanceOf(ShutdownSignalException.class).satisfies(e -> {
                AMQP.Channel.Close close = (AMQP.Channel.Close) ((ShutdownSignalException) e).getReason();
                assertThat(close.getReplyCode()).isEqualTo(403);
                assertThat(close.getReplyText()).isEqualTo("ACCESS_REFUSED - access to " + resource
                        + " in vhost '/' refused for user 'alice'");
            });
            assertThat(c.isOpen()).as("only the channel closes").isTrue();
            try (Channel again = c.createChannel()) {
                again.queueDeclare("alice-still-works", false, false, true, null);
            }
        }
    }

    @Test
    void operationsInsideThePermissionsWork() throws Exception {
        try (Connection c = connect("alice", "alice-secret"); Channel ch = c.createChannel()) {
            ch.exchangeDeclare("alice-ok-x", "direct");
            ch.queueDeclare("alice-ok-q", false, false, false, null);
            ch.queueBind("alice-ok-q", "alice-ok-x", "k");
            ch.confirmSelect();
            ch.basicPublish("alice-ok-x", "k", null, "hello".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
            await().until(() -> ch.basicGet("alice-ok-q", true) != null);
            ch.queuePurge("alice-ok-q");
            ch.queueDelete("alice-ok-q");
            ch.exchangeDelete("alice-ok-x");
        }
    }
}
