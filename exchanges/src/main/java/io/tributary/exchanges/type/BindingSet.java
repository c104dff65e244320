package io.tributary.exchanges.type;

import io.tributary.exchanges.binding.Binding;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The plain set of bindings every routing table keeps besides its routing structure. */
final class BindingSet {
    private final Set<Binding> bindings = ConcurrentHashMap.newKeySet();

    boolean add(Binding b) {
        return bindings.add(b);
    }

    boolean remove(Binding b) {
        return bindings.remove(b);
    }

    Collection<Binding> snapshot() {
        return List.copyOf(bindings);
    }

    boolean isEmpty() {
        return bindings.isEmpty();
    }
}
