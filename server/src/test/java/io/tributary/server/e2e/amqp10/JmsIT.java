package io.tributary.server.e2e.amqp10;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.server.testing.BrokerExtension;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Qpid JMS (AMQP 1.0) against the broker: plain queue names, transacted sessions, request/reply over a temporary queue. */
class JmsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();
    private static final long TIMEOUT = 10_000;
    static Connection connection;

    @BeforeAll
    static void connect() throws Exception {
        connection = factory().createConnection("guest", "guest");
        connection.start();
    }

    @AfterAll
    static void disconnect() throws Exception {
        connection.close();
    }

    static JmsConnectionFactory factory() {
        return new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER.get().amqpPort());
    }

    @Test
    void queueSendAndReceiveKeepsBodyAndProperties() throws Exception {
        try (Session s = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE)) {
            Queue q = s.createQueue("jms-plain");
            MessageProducer p = s.createProducer(q);
            TextMessage m = s.createTextMessage("hello over AMQP 1.0");
            m.setJMSCorrelationID("corr-1");
            m.setStringProperty("colour", "blue");
            m.setIntProperty("count", 7);
            p.send(m, DeliveryMode.PERSISTENT, 6, 0);
            for (int i = 0; i < 20; i++) {
                p.send(s.createTextMessage("m" + i));
            }
            MessageConsumer c = s.createConsumer(q);
            Message got = c.receive(TIMEOUT);
            assertThat(got).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) got).getText()).isEqualTo("hello over AMQP 1.0");
            assertThat(got.getJMSCorrelationID()).isEqualTo("corr-1");
            assertThat(got.getJMSMessageID()).isEqualTo(m.getJMSMessageID());
            assertThat(got.getStringProperty("colour")).isEqualTo("blue");
            assertThat(got.getIntProperty("count")).isEqualTo(7);
            assertThat(got.getJMSPriority()).isEqualTo(6);
            assertThat(got.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
            assertThat(got.getJMSRedelivered()).isFalse();
            for (int i = 0; i < 20; i++) {
                Message next = c.receive(TIMEOUT);
                assertThat(((TextMessage) next).getText()).isEqualTo("m" + i);
            }
            got.acknowledge();
            assertThat(c.receiveNoWait()).isNull();
        }
    }

    @Test
    void unacknowledgedMessagesAreRedeliveredToTheNextConsumer() throws Exception {
        try (Session s = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE)) {
            Queue q = s.createQueue("jms-redeliver");
            s.createProducer(q).send(s.createTextMessage("again"));
            MessageConsumer c = s.createConsumer(q);
            assertThat(((TextMessage) c.receive(TIMEOUT)).getText()).isEqualTo("again");
            c.close();
        }
        try (Session s = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE)) {
            MessageConsumer c = s.createConsumer(s.createQueue("jms-redeliver"));
            Message m = c.receive(TIMEOUT);
            assertThat(((TextMessage) m).getText()).isEqualTo("again");
            assertThat(m.getJMSRedelivered()).isTrue();
            m.acknowledge();
        }
    }

    @Test
    void transactedSessionPublishesAndAcknowledgesOnCommitOnly() throws Exception {
        try (Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
             Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue q = tx.createQueue("jms-tx");
            MessageProducer p = tx.createProducer(q);
            MessageConsumer observer = plain.createConsumer(q);
            p.send(tx.createTextMessage("rolled back"));
            tx.rollback();
            p.send(tx.createTextMessage("one"));
            p.send(tx.createTextMessage("two"));
            assertThat(observer.receive(300)).isNull();
            tx.commit();
            assertThat(((TextMessage) observer.receive(TIMEOUT)).getText()).isEqualTo("one");
            assertThat(((TextMessage) observer.receive(TIMEOUT)).getText()).isEqualTo("two");
            observer.close();

            MessageProducer plainProducer = plain.createProducer(q);
            plainProducer.send(plain.createTextMessage("consumed in tx"));
            MessageConsumer c = tx.createConsumer(q);
            assertThat(((TextMessage) c.receive(TIMEOUT)).getText()).isEqualTo("consumed in tx");
            tx.rollback();
            Message again = c.receive(TIMEOUT);
            assertThat(((TextMessage) again).getText()).isEqualTo("consumed in tx");
            assertThat(again.getJMSRedelivered()).isTrue();
            tx.commit();
            c.close();
            assertThat(plain.createConsumer(q).receive(300)).isNull();
        }
    }

    @Test
    void requestReplyOverATemporaryQueue() throws Exception {
        try (Connection server = factory().createConnection("guest", "guest")) {
            server.start();
            Session ss = server.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer replies = ss.createProducer(null);
            ss.createConsumer(ss.createQueue("jms-rpc")).setMessageListener(req -> {
                try {
                    TextMessage reply = ss.createTextMessage("re: " + ((TextMessage) req).getText());
                    reply.setJMSCorrelationID(req.getJMSMessageID());
                    replies.send(req.getJMSReplyTo(), reply);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TemporaryQueue replyTo = s.createTemporaryQueue();
                MessageConsumer replyConsumer = s.createConsumer(replyTo);
                TextMessage req = s.createTextMessage("ping");
                req.setJMSReplyTo(replyTo);
                s.createProducer(s.createQueue("jms-rpc")).send(req);
                Message reply = replyConsumer.receive(TIMEOUT);
                assertThat(((TextMessage) reply).getText()).isEqualTo("re: ping");
                assertThat(reply.getJMSCorrelationID()).isEqualTo(req.getJMSMessageID());
                replyConsumer.close();
                replyTo.delete();
            }
        }
    }
}
