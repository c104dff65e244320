package io.tributary.amqp.v10.link;

import io.tributary.amqp.v10.message.OutgoingMessages;
import io.tributary.amqp.v10.session.Amqp10Connection;
import io.tributary.exchanges.stream.StreamCursor;
import io.tributary.exchanges.stream.StreamMessage;
import io.tributary.exchanges.stream.StreamOffset;
import io.tributary.exchanges.stream.StreamSource;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;

/**
 * A client's receiving link on a stream (RabbitMQ 4's AMQP 1.0 stream consumers): it starts where
 * the source filter {@code rabbitmq:stream-offset-spec} says (first, last, next, an offset, a
 * timestamp; next when absent) and sends as much as the link credit allows. Outcomes only settle:
 * nothing leaves a stream, nothing is redelivered. Reads run on the stream's reader threads; the
 * engine is touched only on the event loop.
 */
final class StreamOutgoingLink implements LinkHandler {
    static final Symbol OFFSET_FILTER = Symbol.valueOf("rabbitmq:stream-offset-spec");

    private final Amqp10Connection conn;
    private final Sender sender;
    private final StreamCursor[] cursors;
    private final boolean preSettled;
    private int next;
    private boolean reading;
    private boolean active = true;
    private long nextTag;

    StreamOutgoingLink(Amqp10Connection conn, Sender sender, StreamSource stream, Map<?, ?> filters) {
        this.conn = conn;
        this.sender = sender;
        this.preSettled = sender.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED;
        StreamOffset start = StreamOffset.parse(filterValue(filters), System.currentTimeMillis());
        this.cursors = new StreamCursor[stream.partitions()];
        for (int p = 0; p < cursors.length; p++) {
            cursors[p] = stream.open(p, start);
        }
    }

    private static Object filterValue(Map<?, ?> filters) {
        if (filters == null) {
            return null;
        }
        Object v = filters.get(OFFSET_FILTER);
        if (v instanceof DescribedType d) {
            v = d.getDescribed();
        }
        if (v instanceof org.apache.qpid.proton.amqp.UnsignedLong u) {
            return u.longValue();
        }
        return v;
    }

    @Override
    public void flow() {
        pump();
    }

    private void pump() {
        if (!active || reading || sender.getLocalState() != EndpointState.ACTIVE || sender.getCredit() <= 0) {
            return;
        }
        reading = true;
        int partition = next;
        next = (next + 1) % cursors.length;
        cursors[partition].readAsync(sender.getCredit()).whenComplete((messages, failure) -> conn.engineExecute(() -> {
            reading = false;
            if (!active) {
                return;
            }
            if (failure != null) {
                conn.closeLink(sender, new org.apache.qpid.proton.amqp.transport.ErrorCondition(
                        org.apache.qpid.proton.amqp.transport.AmqpError.INTERNAL_ERROR, "reading the stream failed: " + failure.getMessage()));
                return;
            }
            send(messages);
            if (!messages.isEmpty() || cursors.length > 1 && partition != cursors.length - 1) {
                pump();
            } else {
                for (StreamCursor c : cursors) {
                    c.whenAvailable(() -> conn.engineExecute(this::pump));
                }
            }
        }));
    }

    private void send(List<StreamMessage> messages) {
        for (StreamMessage m : messages) {
            byte[] encoded = OutgoingMessages.encode(m.message(), false, 0);
            long t = nextTag++;
            Delivery d = sender.delivery(new byte[] {(byte) (t >>> 24), (byte) (t >>> 16), (byte) (t >>> 8), (byte) t});
            sender.send(encoded, 0, encoded.length);
            if (preSettled) {
                d.settle();
            }
            sender.advance();
            conn.countDelivered();
        }
    }

    @Override
    public void writable() {
        pump();
    }

    @Override
    public void delivery(Delivery d) {
        if (d.remotelySettled() || d.getRemoteState() != null) {
            d.settle();
        }
    }

    @Override
    public void remoteDetached() {
        release();
        sender.close();
    }

    @Override
    public void release() {
        if (!active) {
            return;
        }
        active = false;
        for (StreamCursor c : cursors) {
            c.close();
        }
    }
}
