package io.tributary.amqp.v10.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.amqp.fuzz.FuzzHarness;
import io.tributary.fuzz.Mutator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the AMQP 1.0 entry point of the AMQP port (protocol detector → proton-j engine → connection,
 * sessions, links): the bytes a real proton-j client sends for a SASL PLAIN session that opens a
 * sender and a receiver and transfers a message, recorded against the broker, then mutated. See
 * {@link FuzzHarness} for the properties checked.
 */
class Amqp10FuzzTest {
    /** Plays a proton-j client against the broker's pipeline and records every byte the client sent. */
    static byte[] recordedClientSession(FuzzHarness h, boolean sasl) {
        Transport t = Proton.transport();
        Connection c = Proton.connection();
        if (sasl) {
            Sasl s = t.sasl();
            s.client();
            s.setMechanisms("PLAIN");
            s.plain("guest", "guest");
        }
        t.bind(c);
        c.setHostname("vhost:/");
        c.open();
        Session session = c.session();
        session.open();
        Sender sender = session.sender("out");
        Target target = new Target();
        target.setAddress("fuzz-q");
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.open();
        Receiver receiver = session.receiver("in");
        Source source = new Source();
        source.setAddress("fuzz-plain");
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        receiver.flow(10);
        EmbeddedChannel ch = h.channel();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean transferred = false;
        for (int round = 0; round < 20; round++) {
            if (!transferred && sender.getCredit() > 0) {
                Message m = Proton.message();
                m.setBody(new Data(new Binary(new byte[] {1, 2, 3})));
                m.setSubject("s");
                byte[] buf = new byte[1024];
                int n = m.encode(buf, 0, buf.length);
                Delivery d = sender.delivery(new byte[] {1});
                sender.send(buf, 0, n);
                sender.advance();
                transferred = d != null;
            }
            pump(t, ch, sent);
        }
        c.close();
        pump(t, ch, sent);
        h.release(ch);
        return sent.toByteArray();
    }

    private static void pump(Transport t, EmbeddedChannel ch, ByteArrayOutputStream sent) {
        int pending = t.pending();
        if (pending > 0) {
            ByteBuffer head = t.head();
            byte[] out = new byte[pending];
            head.get(out);
            t.pop(pending);
            sent.writeBytes(out);
            ch.writeInbound(ch.alloc().buffer(out.length).writeBytes(out));
            ch.runPendingTasks();
        }
        ByteBuf reply;
        while ((reply = ch.readOutbound()) != null) {
            byte[] in = new byte[reply.readableBytes()];
            reply.readBytes(in);
            reply.release();
            int offset = 0;
            while (offset < in.length && t.capacity() > 0) {
                int n = Math.min(t.capacity(), in.length - offset);
                t.tail().put(in, offset, n);
                t.process();
                offset += n;
            }
        }
    }

    @Test
    void mutatedSessionsNeverEscapeOrLeak() {
        FuzzHarness h = new FuzzHarness();
        byte[] withSasl = recordedClientSession(h, true);
        byte[] anonymous = recordedClientSession(h, false);
        assertThat(withSasl.length).isGreaterThan(200);
        assertThat(h.allocator().unreleased()).as("the recorded sessions themselves leak nothing").isZero();
        assertThat(h.context().vhosts().get("/").destination("fuzz-q")).as("the recorded session attached its links").isNotNull();
        assertThat(h.context().vhosts().get("/").destination("fuzz-plain")).isNotNull();
        Mutator m = new Mutator(FuzzHarness.SEED, List.of(withSasl, anonymous));
        FuzzHarness.Result r = h.run(m::next, m, FuzzHarness.INPUTS);
        System.out.println("AMQP 1.0 fuzz: seed " + FuzzHarness.SEED + ", " + r);
        assertThat(r.firstCrashes()).as("crashes").isEmpty();
        assertThat(r.leaks()).as("leaked buffers").isZero();
        assertThat(r.closed()).isPositive();
    }
}
