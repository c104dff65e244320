package io.tributary.exchanges.type;

import io.tributary.exchanges.ExchangeDefinition;
import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.error.PreconditionFailedException;

/**
 * An exchange type: a name clients declare it by, a check of binding arguments, and the routing
 * table each exchange of this type keeps. New types (e.g. {@code x-delayed-message}) are added by
 * implementing this and registering it in {@link ExchangeTypeRegistry} or through
 * {@link java.util.ServiceLoader}.
 */
public interface ExchangeType {
    /** The type name clients declare, e.g. {@code topic}. */
    String name();

    /**
     * Checks a binding before it is added.
     *
     * @throws PreconditionFailedException when its arguments are invalid for this type
     */
    default void validateBinding(Binding binding) {
    }

    /**
     * Checks an exchange declaration of this type before the exchange is created.
     *
     * @throws PreconditionFailedException when its arguments are invalid for this type
     */
    default void validate(ExchangeDefinition definition) {
    }

    /** A fresh, empty routing table for one exchange. */
    RoutingTable newRoutingTable();

    /**
     * A fresh, empty routing table for the exchange {@code definition} declares; types whose tables
     * depend on the declaration (e.g. {@code x-delayed-message}) override this one.
     */
    default RoutingTable newRoutingTable(ExchangeDefinition definition) {
        return newRoutingTable();
    }
}
