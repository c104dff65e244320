package io.tributary.exchanges.type;

import io.tributary.exchanges.Destination;
import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.error.PreconditionFailedException;
import io.tributary.exchanges.message.Message;
import java.util.Collection;
import java.util.Map;

/**
 * {@code x-delayed-message}, as RabbitMQ's delayed-message plugin: the exchange routes like the type
 * named by its {@code x-delayed-type} argument, but a message whose {@code x-delay} header is a
 * positive number of milliseconds is first held by the exchange's own store and routed only when it
 * is due. When it comes due, its {@code x-delay} header is negated (as the plugin does), so it is
 * not delayed again and consumers can still see it was.
 *
 * <p>The store is supplied by the broker ({@link HoldingStores}): it keeps held messages durably
 * for a durable exchange and routes them through this exchange once due.
 */
public final class DelayedMessageExchangeType implements ExchangeType {
    public static final String NAME = "x-delayed-message";
    public static final String TYPE_ARGUMENT = "x-delayed-type";
    public static final String DELAY_HEADER = "x-delay";

    /** Opens the store that holds one delayed exchange's messages until they are due. */
    @FunctionalInterface
    public interface HoldingStores {
        /** The store of the exchange; {@link Destination#deleted()} is called when the exchange is deleted. */
        Destination open(ExchangeDefinition exchange);
    }

    private final ExchangeTypeRegistry types;
    private final HoldingStores stores;

    public DelayedMessageExchangeType(ExchangeTypeRegistry types, HoldingStores stores) {
        this.types = types;
        this.stores = stores;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(ExchangeDefinition definition) {
        innerType(definition);
    }

    private ExchangeType innerType(ExchangeDefinition definition) {
        Object t = definition.arguments().get(TYPE_ARGUMENT);
        if (!(t instanceof String s) || NAME.equals(s) || !types.names().contains(s)) {
            throw new PreconditionFailedException("Invalid argument, '" + TYPE_ARGUMENT + "' must be an existing exchange type");
        }
        return types.get(s);
    }

    @Override
    public RoutingTable newRoutingTable() {
        throw new UnsupportedOperationException("a delayed-message exchange needs its declaration");
    }

    @Override
    public RoutingTable newRoutingTable(ExchangeDefinition definition) {
        ExchangeType inner = innerType(definition);
        return new Table(inner, inner.newRoutingTable(definition), stores.open(definition));
    }

    /**
     * The delay a message asks for, in milliseconds, or 0 for none: integer {@code x-delay}
     * headers, and (as newer versions of the plugin) numeric strings and floating-point numbers.
     */
    public static long delayOf(Message message) {
        Map<String, Object> headers = message.properties().headers();
        Object d = headers == null ? null : headers.get(DELAY_HEADER);
        if (d instanceof Byte || d instanceof Short || d instanceof Integer || d instanceof Long) {
            return ((Number) d).longValue();
        }
        if (d instanceof Float || d instanceof Double) {
            return (long) ((Number) d).doubleValue();
        }
        if (d instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static final class Table implements RoutingTable {
        private final ExchangeType innerType;
        private final RoutingTable inner;
        private final Destination store;

        Table(ExchangeType innerType, RoutingTable inner, Destination store) {
            this.innerType = innerType;
            this.inner = inner;
            this.store = store;
        }

        @Override
        public boolean add(Binding binding) {
            return inner.add(binding);
        }

        @Override
        public boolean remove(Binding binding) {
            return inner.remove(binding);
        }

        @Override
        public void route(Message message, BindingSink sink) {
            if (delayOf(message) > 0) {
                sink.held(store);
            } else {
                inner.route(message, sink);
            }
        }

        @Override
        public Collection<Binding> bindings() {
            return inner.bindings();
        }

        @Override
        public boolean isEmpty() {
            return inner.isEmpty();
        }

        @Override
        public void validateBinding(Binding binding) {
            innerType.validateBinding(binding);
            inner.validateBinding(binding);
        }

        @Override
        public void exchangeDeleted() {
            store.deleted();
        }
    }
}
