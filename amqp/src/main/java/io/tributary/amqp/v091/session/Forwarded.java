package io.tributary.amqp.v091.session;

import io.tributary.amqp.v091.codec.BasicProperties;
import io.tributary.exchanges.message.Message;
import io.tributary.exchanges.message.MessageProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A publish another node of the cluster forwarded to a queue held here: it comes through the
 * default exchange (routing key = the queue) and carries, in the header {@value #HEADER}, the
 * exchange and routing key it was published with there, so consumers here see the envelope they
 * would have seen on that node. Only the internal user's publishes are read this way.
 */
public final class Forwarded {
    /** A table with {@code exchange} and {@code routing-key}. */
    public static final String HEADER = "x-tributary-forwarded";

    private Forwarded() {
    }

    /** The message as first published (header removed), or {@code msg} itself when it carries none. */
    static Message original(Message msg) {
        MessageProperties p = msg.properties();
        Map<String, Object> headers = p.headers();
        if (headers == null || !(headers.get(HEADER) instanceof Map<?, ?> envelope)) {
            return msg;
        }
        Map<String, Object> rest = new LinkedHashMap<>(headers);
        rest.remove(HEADER);
        MessageProperties props = p.withHeaders(rest.isEmpty() ? null : rest);
        return new Message(BasicProperties.FORMAT, BasicProperties.FORMAT.encode(props), msg.bodyArray(), String.valueOf(envelope.get("exchange")),
                String.valueOf(envelope.get("routing-key")), msg.receivedAtMillis());
    }
}
