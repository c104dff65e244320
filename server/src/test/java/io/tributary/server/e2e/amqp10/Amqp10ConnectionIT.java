package io.tributary.server.e2e.amqp10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.server.testing.BrokerExtension;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AMQP 1.0 connection: SASL, error conditions users see, large multi-frame messages, malformed input. */
class Amqp10ConnectionIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();
    private static final long TIMEOUT = 10_000;

    private static JmsConnectionFactory factory() {
        return new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER.get().amqpPort());
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> factory().createConnection("guest", "wrong").start()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anonymousLoginFromLoopbackActsAsGuest() throws Exception {
        try (Connection c = factory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("anon-q")).send(s.createTextMessage("anonymous"));
            assertThat(((TextMessage) s.createConsumer(s.createQueue("anon-q")).receive(TIMEOUT)).getText()).isEqualTo("anonymous");
        }
    }

    @Test
    void missingQueuesAndExchangesAreNotFound() throws Exception {
        try (Connection c = factory().createConnection("guest", "guest")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> s.createConsumer(s.createQueue("/queues/no-such-queue")))
                    .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("no-such-queue");
            assertThatThrownBy(() -> s.createProducer(s.createQueue("/exchanges/no-such-exchange/key")))
                    .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("no-such-exchange");
            assertThatThrownBy(() -> s.createProducer(s.createQueue("/bad/address")))
                    .hasMessageContaining("/queues/{queue}");
            // the connection is still usable
            s.createProducer(s.createQueue("still-fine")).send(s.createTextMessage("ok"));
        }
    }

    @Test
    void largeMessagesCrossManyFramesBothWays() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        try (Connection c = factory().createConnection("guest", "guest")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("large"));
            for (int i = 0; i < 3; i++) {
                BytesMessage m = s.createBytesMessage();
                m.writeBytes(big);
                m.setIntProperty("i", i);
                p.send(m);
            }
            MessageConsumer consumer = s.createConsumer(s.createQueue("large"));
            for (int i = 0; i < 3; i++) {
                BytesMessage got = (BytesMessage) consumer.receive(TIMEOUT);
                assertThat(got.getIntProperty("i")).isEqualTo(i);
                byte[] body = new byte[(int) got.getBodyLength()];
                got.readBytes(body);
                assertThat(body).isEqualTo(big);
            }
        }
    }

    @Test
    void malformedFrameClosesThatConnectionWithDecodeErrorOnly() throws Exception {
        try (Connection healthy = factory().createConnection("guest", "guest")) {
            healthy.start();
            Session s = healthy.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("survivor"));
            try (Socket raw = new Socket("127.0.0.1", BROKER.get().amqpPort())) {
                raw.setSoTimeout(10_000);
                OutputStream out = raw.getOutputStream();
                out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
                ByteBuffer frame = ByteBuffer.allocate(16);
                frame.putInt(16).put((byte) 2).put((byte) 0).putShort((short) 0);
                frame.put(new byte[] {0x00, 0x53, 0x10, (byte) 0xc0, 0x7f, 0x7f, 0x7f, 0x7f});
                out.write(frame.array());
                out.flush();
                String answer = readToEnd(raw.getInputStream());
                assertThat(answer).startsWith("AMQP\0\1\0\0").contains("amqp:decode-error");
            }
            p.send(s.createTextMessage("still here"));
            assertThat(((TextMessage) s.createConsumer(s.createQueue("survivor")).receive(TIMEOUT)).getText()).isEqualTo("still here");
        }
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            b.write(buf, 0, n);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
