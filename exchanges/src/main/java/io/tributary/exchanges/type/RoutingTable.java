package io.tributary.exchanges.type;

import io.tributary.exchanges.binding.Binding;
import io.tributary.exchanges.message.Message;
import java.util.Collection;

/**
 * One exchange's bindings in the shape its type routes from. {@link #add} and {@link #remove} are
 * called under the virtual host's topology lock, one at a time; {@link #route} is called from any
 * number of threads at once, concurrently with changes, and must not lock or allocate per message
 * where it can avoid it.
 */
public interface RoutingTable {
    /** @return false when the binding was already there */
    boolean add(Binding binding);

    /** @return false when the binding was not there */
    boolean remove(Binding binding);

    /** Reports every target whose binding matches the message. */
    void route(Message message, BindingSink sink);

    /** A snapshot of the bindings. */
    Collection<Binding> bindings();

    boolean isEmpty();

    /** Checks a binding before it is added, beyond what the type checks (a wrapping type asks the type it wraps). */
    default void validateBinding(Binding binding) {
    }

    /** The exchange was deleted: release what the table holds (a delayed exchange drops its held messages). */
    default void exchangeDeleted() {
    }
}
