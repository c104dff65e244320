package io.tributary.exchanges;

import io.tributary.exchanges.type.ExchangeType;
import io.tributary.exchanges.type.RoutingTable;

/** A declared exchange: its definition, its type and the routing table of the bindings it is the source of. */
public final class Exchange {
    private final ExchangeDefinition definition;
    private final ExchangeType type;
    private final RoutingTable table;
    private final boolean isDefault;

    public Exchange(ExchangeDefinition definition, ExchangeType type) {
        this.definition = definition;
        this.type = type;
        this.table = type.newRoutingTable(definition);
        this.isDefault = definition.name().isEmpty();
    }

    public String name() {
        return definition.name();
    }

    public ExchangeDefinition definition() {
        return definition;
    }

    public ExchangeType type() {
        return type;
    }

    public RoutingTable table() {
        return table;
    }

    /** Checks a binding whose source this exchange is: by its type, then by its table. */
    public void validateBinding(io.tributary.exchanges.binding.Binding binding) {
        type.validateBinding(binding);
        table.validateBinding(binding);
    }

    /** The nameless default exchange: every queue is implicitly bound to it by its name. */
    public boolean isDefault() {
        return isDefault;
    }

    public boolean internal() {
        return definition.internal();
    }

    @Override
    public String toString() {
        return "exchange '" + definition.name() + "' in vhost '" + definition.vhost() + "'";
    }
}
