package io.tributary.server.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.security.VhostPermissions;
import io.tributary.server.security.UserStore;
import io.tributary.server.testing.BrokerExtension;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Set;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AMQP 1.0 with Qpid JMS against the user store: SASL PLAIN with good and bad credentials, and permissions on links. */
class SecurityAmqp10IT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @BeforeAll
    static void users() {
        UserStore users = BROKER.get().broker().userStore();
        users.putUser("carol", "carol-secret", Set.of()).join();
        users.setPermissions("carol", "/", new VhostPermissions("^carol.*", "^(carol.*|amq\\.default)$", "^carol.*")).join();
        users.putUser("dave", "dave-secret", Set.of()).join();
    }

    static JmsConnectionFactory factory() {
        return new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER.get().amqpPort() + "?amqp.saslMechanisms=PLAIN");
    }

    @Test
    void goodCredentialsSendAndReceiveWithinThePermissions() throws Exception {
        try (Connection c = factory().createConnection("carol", "carol-secret")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("carol-q")).send(s.createTextMessage("hi"));
            MessageConsumer consumer = s.createConsumer(s.createQueue("carol-q"));
            assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("hi");
        }
    }

    @Test
    void badCredentialsAreRefused() {
        assertThatThrownBy(() -> factory().createConnection("carol", "wrong").start()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory().createConnection("nobody-at-all", "x").start()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aUserWithoutVhostPermissionsIsRefusedAtOpen() {
        assertThatThrownBy(() -> factory().createConnection("dave", "dave-secret").start()).isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("access to vhost '/' refused for user 'dave'");
    }

    @Test
    void linksOutsideThePermissionsAreRefusedWithUnauthorizedAccess() throws Exception {
        try (Connection guest = factory().createConnection("guest", "guest")) {
            Session s = guest.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("guest-only")).send(s.createTextMessage("secret"));
        }
        try (Connection c = factory().createConnection("carol", "carol-secret")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> s.createConsumer(s.createQueue("guest-only"))).isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("access to queue 'guest-only' in vhost '/' refused for user 'carol'");
            assertThatThrownBy(() -> s.createProducer(s.createQueue("not-carols"))).isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("access to queue 'not-carols' in vhost '/' refused for user 'carol'");
            assertThatThrownBy(() -> s.createProducer(s.createTopic("amq.topic"))).isInstanceOf(JMSSecurityException.class);
            assertThat(s.createProducer(s.createQueue("carol-still-ok"))).isNotNull();
        }
    }
}
