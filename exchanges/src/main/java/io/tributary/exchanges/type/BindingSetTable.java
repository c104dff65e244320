package io.tributary.exchanges.type;

import io.tributary.exchanges.binding.Binding;
import java.util.Collection;

/**
 * A routing table that keeps the plain set of its bindings and rebuilds its routing structure
 * from it after every change ({@link #rebuild}). Changes are rare and serialized by the virtual
 * host; routing reads whatever structure was last published.
 */
abstract class BindingSetTable implements RoutingTable {
    final BindingSet all = new BindingSet();

    @Override
    public final boolean add(Binding b) {
        if (!all.add(b)) {
            return false;
        }
        added(b);
        return true;
    }

    @Override
    public final boolean remove(Binding b) {
        if (!all.remove(b)) {
            return false;
        }
        removed(b);
        return true;
    }

    /** Publishes a routing structure that includes {@code b}. */
    abstract void added(Binding b);

    /** Publishes a routing structure without {@code b}. */
    abstract void removed(Binding b);

    /** True when another binding still routes {@code b}'s key (in the type's canonical form) to its destination. */
    boolean stillBound(Binding b, java.util.function.Function<String, String> canonicalKey) {
        String key = canonicalKey.apply(b.routingKey());
        return all.snapshot().stream().anyMatch(o -> o.destination().equals(b.destination())
                && canonicalKey.apply(o.routingKey()).equals(key));
    }

    @Override
    public final Collection<Binding> bindings() {
        return all.snapshot();
    }

    @Override
    public final boolean isEmpty() {
        return all.isEmpty();
    }
}
