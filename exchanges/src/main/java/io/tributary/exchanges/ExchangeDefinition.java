package io.tributary.exchanges;

import java.util.Map;

/** How an exchange was declared. {@code arguments} never null. */
public record ExchangeDefinition(String vhost, String name, String type, boolean durable, boolean autoDelete,
                                 boolean internal, Map<String, Object> arguments) {
    public ExchangeDefinition {
        arguments = Arguments.copyOf(arguments);
    }

    /** The {@code alternate-exchange} argument, or null. */
    public String alternateExchange() {
        Object ae = arguments.get("alternate-exchange");
        return ae == null ? null : ae.toString();
    }
}
