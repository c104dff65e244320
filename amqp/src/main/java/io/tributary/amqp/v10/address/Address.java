package io.tributary.amqp.v10.address;

import io.tributary.amqp.v10.error.AmqpErrorException;
import io.tributary.amqp.v10.message.Values;
import org.apache.qpid.proton.amqp.transport.AmqpError;

/**
 * A target or source address, parsed:
 *
 * <pre>
 * /queues/{queue}                  a queue (sending: through the default exchange with the queue name as key)
 * /exchanges/{exchange}/{key}      an exchange with a fixed routing key
 * /exchanges/{exchange}            an exchange; each message's subject is its routing key
 * {name}                           a plain queue name, as Qpid JMS sends (declared on first use)
 * null                             the anonymous terminus: each message's {@code to} names its address
 * </pre>
 *
 * Segments are percent-encoded (RFC 3986), as RabbitMQ 4 expects.
 *
 * @param exchange the exchange name, or null for a queue
 * @param routingKey the key, or null when the message's subject supplies it
 * @param queue the queue name, or null for an exchange
 * @param plain a plain name (not a v2 address), declared on first use
 */
public record Address(String exchange, String routingKey, String queue, boolean plain) {
    public static final String EXCHANGES = "/exchanges/";

    /**
     * @throws AmqpErrorException {@code amqp:invalid-field} for an address that is none of the forms
     */
    public static Address parse(String address) {
        if (address == null || address.isEmpty()) {
            throw new AmqpErrorException(AmqpError.INVALID_FIELD, "address is required");
        }
        if (address.startsWith(Values.QUEUES)) {
            String rest = address.substring(Values.QUEUES.length());
            if (rest.isEmpty() || rest.indexOf('/') >= 0) {
                throw invalid(address);
            }
            return new Address(null, null, Values.decode(rest), false);
        }
        if (address.startsWith(EXCHANGES)) {
            String rest = address.substring(EXCHANGES.length());
            int slash = rest.indexOf('/');
            String exchange = Values.decode(slash < 0 ? rest : rest.substring(0, slash));
            if (exchange.isEmpty() || "amq.default".equals(exchange)) {
                throw new AmqpErrorException(AmqpError.INVALID_FIELD, "address '" + address
                        + "': the default exchange is addressed as /queues/{queue}");
            }
            String key = slash < 0 ? null : rest.substring(slash + 1);
            if (key != null && key.indexOf('/') >= 0) {
                throw invalid(address);
            }
            return new Address(exchange, key == null ? null : Values.decode(key), null, false);
        }
        if (address.startsWith("/")) {
            throw invalid(address);
        }
        return new Address(null, null, address, true);
    }

    private static AmqpErrorException invalid(String address) {
        return new AmqpErrorException(AmqpError.INVALID_FIELD, "address '" + address + "' is not /queues/{queue},"
                + " /exchanges/{exchange}[/{routing-key}] or a queue name");
    }

    public boolean isQueue() {
        return queue != null;
    }

    /** The v2 form of a queue's address. */
    public static String ofQueue(String queue) {
        return Values.QUEUES + Values.encode(queue);
    }
}
