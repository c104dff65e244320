package io.tributary.exchanges.binding;

import io.tributary.exchanges.Arguments;
import io.tributary.exchanges.DestinationId;
import java.util.Map;

/**
 * A binding from a source exchange to a destination or exchange, with its routing key and
 * arguments (the headers exchange matches on the arguments). Two bindings are the same binding
 * when all four parts are equal.
 */
public record Binding(String source, DestinationId destination, String routingKey, Map<String, Object> arguments) {
    public Binding {
        routingKey = routingKey == null ? "" : routingKey;
        arguments = Arguments.copyOf(arguments);
    }
}
