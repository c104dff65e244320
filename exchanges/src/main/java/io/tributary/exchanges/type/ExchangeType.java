package io.tributary.exchanges.type;

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

    /** A fresh, empty routing table for one exchange. */
    RoutingTable newRoutingTable();
}
