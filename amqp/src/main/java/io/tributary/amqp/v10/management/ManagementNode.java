package io.tributary.amqp.v10.management;

import io.tributary.amqp.v10.link.LinkHandler;
import io.tributary.amqp.v10.session.Amqp10Connection;
import java.util.ArrayDeque;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;

/**
 * One connection's {@code /management} link pair: requests arrive on the client's sender (settled),
 * each is answered on the client's receiver with {@code correlation-id} = the request's
 * {@code message-id} and {@code subject} = the HTTP status code, in request order.
 */
public final class ManagementNode {
    public static final String ADDRESS = "/management";

    private final Amqp10Connection conn;
    private final ManagementRequests requests;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private Sender responses;
    private long tag;

    public ManagementNode(Amqp10Connection conn) {
        this.conn = conn;
        this.requests = new ManagementRequests(conn);
    }

    /** The client's sender of requests. */
    public void attachRequests(Receiver r) {
        r.setContext(new LinkHandler() {
            @Override
            public void delivery(Delivery d) {
                request(r, d);
            }

            @Override
            public void remoteDetached() {
                r.close();
            }

            @Override
            public void release() {
                // nothing held
            }
        });
        r.setTarget(r.getRemoteTarget());
        r.setSource(r.getRemoteSource());
        r.setSenderSettleMode(r.getRemoteSenderSettleMode());
        r.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        r.open();
        r.flow(100);
    }

    /** The client's receiver of responses. */
    public void attachResponses(Sender s) {
        responses = s;
        s.setContext(new LinkHandler() {
            @Override
            public void flow() {
                drain();
            }

            @Override
            public void delivery(Delivery d) {
                d.settle();
            }

            @Override
            public void remoteDetached() {
                responses = null;
                s.close();
            }

            @Override
            public void release() {
                responses = null;
            }
        });
        s.setSource(s.getRemoteSource());
        s.setTarget(s.getRemoteTarget());
        s.setSenderSettleMode(s.getRemoteSenderSettleMode());
        s.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        s.open();
    }

    private void request(Receiver r, Delivery d) {
        if (d.isPartial()) {
            return;
        }
        byte[] raw = new byte[d.available()];
        r.recv(raw, 0, raw.length);
        r.advance();
        d.settle();
        if (r.getCredit() < 50) {
            r.flow(100 - r.getCredit());
        }
        Message m = Message.Factory.create();
        m.decode(raw, 0, raw.length);
        Object id = m.getMessageId();
        Object body = m.getBody() instanceof AmqpValue v ? v.getValue() : null;
        requests.handle(m.getSubject(), m.getAddress(), body instanceof Map<?, ?> map ? map : null,
                (code, responseBody) -> conn.engineExecute(() -> respond(id, code, responseBody)));
    }

    private void respond(Object correlationId, int code, Object body) {
        Message m = Message.Factory.create();
        Properties p = new Properties();
        p.setCorrelationId(correlationId);
        p.setSubject(String.valueOf(code));
        m.setProperties(p);
        m.setBody(new AmqpValue(body));
        byte[] buf = new byte[4096];
        int n;
        for (;;) {
            try {
                n = m.encode(buf, 0, buf.length);
                break;
            } catch (java.nio.BufferOverflowException e) {
                buf = new byte[buf.length * 4];
            }
        }
        pending.add(java.util.Arrays.copyOf(buf, n));
        drain();
    }

    private void drain() {
        Sender s = responses;
        while (s != null && s.getLocalState() == EndpointState.ACTIVE && s.getCredit() > 0 && !pending.isEmpty()) {
            byte[] b = pending.poll();
            Delivery d = s.delivery(new Binary(java.nio.ByteBuffer.allocate(8).putLong(tag++).array()).getArray());
            s.send(b, 0, b.length);
            s.advance();
            d.settle();
        }
    }
}
